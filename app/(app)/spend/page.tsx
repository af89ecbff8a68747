import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { Callout } from '@/components/ui/tremor'
import { deploymentLabels, routeLabels } from '@/components/models/catalog-labels'
import { BudgetLine, sortForBurn } from '@/components/spend/budget-burn'
import { formatCount, formatDay, formatPercent, formatUsd, percentOf } from '@/components/ui/format'
import { EmptyState, Kpi, Section } from '@/components/ui/cards'
import { CountBarList, DailySpendChart, MoneyBarList } from '@/components/spend/spend-charts'
import { SpendFilters } from '@/components/spend/spend-filters'
import { byCostDesc, dailyByModel, DAY_KEY, OTHER_MODELS, plotCost, tokenMix } from '@/components/spend/spend-series'
import { SplitCard } from '@/components/spend/split-card'
import { PageHeader } from '@/components/ui/page-header'
import { pool, prisma } from '@/lib/db'
import { isAppError } from '@/lib/errors'
import { Decimal } from '@/lib/pricing/decimal'
import { listBudgetStatuses } from '@/lib/reports/list-budget-statuses'
import { can } from '@/lib/auth/permissions'
import { PriceSourceNote } from '@/components/models/price-source-note'
import { loadPriceSource } from '@/lib/pricing/load-price-source'
import { loadModelColors } from '@/lib/catalog/load-model-colors'
import { colorOfModel, modelPalette } from '@/lib/catalog/model-colors'
import { datePresetKeys, datePresetLabels, datePresetRange } from '@/lib/reports/date-presets'
import { loadMonthTrend, OTHER_SERIES } from '@/lib/reports/load-month-trend'
import { parseTimeGrain, regroupSeries } from '@/lib/reports/time-grain'
import { MonthTrendChart } from '@/components/spend/trend-charts'
import { loadSpendOverview } from '@/lib/reports/load-spend-overview'
import { querySpend } from '@/lib/reports/query-spend'
import { utcMonthOf } from '@/lib/time/utc-days'
import { requirePage } from '../require-user'
import { filterQuery, resolveSpendView, type SearchParams, type SpendView } from '@/lib/reports/spend-view'
import { listTeamOptions } from '@/lib/teams/list-team-options'

export const metadata: Metadata = { title: 'Spend' }

// A period with no data has nothing to compare with: "—", not "+∞" or a 0 % change against $0.
function changeVsPrevious(current: string | null, previous: string | null, coverage: 'full' | 'partial' | 'none'): { delta: string | null; percent: number | null } {
  if (current === null || previous === null || coverage === 'none') return { delta: null, percent: null }
  const delta = new Decimal(current).minus(previous)
  return { delta: delta.toFixed(), percent: new Decimal(previous).isZero() ? null : percentOf(delta.toFixed(), previous) }
}

export default async function SpendPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePage('spend')
  const sp = await searchParams
  const now = new Date()

  let view: SpendView
  try {
    view = await resolveSpendView(user, sp, now)
  } catch (e) {
    if (isAppError(e) && e.code === 'forbidden') redirect('/forbidden?need=spend:read:all')
    if (!isAppError(e) || e.code !== 'invalid') throw e
    const raw = (name: string) => [sp[name]].flat()[0] ?? null
    const teams = can(user.role, 'spend:read:all') ? await listTeamOptions(prisma, 'all') : null
    return (
      <div className="@container">
        <PageHeader title="Spend" />
        <SpendFilters from={raw('from') ?? ''} to={raw('to') ?? ''} team={raw('team')} model={raw('model')} route={raw('route')} teams={teams} models={[]} error={e.message} />
      </div>
    )
  }

  const [overview, budgets, modelOptions, teams, priceSource, modelColors, trend] = await Promise.all([
    loadSpendOverview(pool, view),
    listBudgetStatuses(pool, view.teamIds, now),
    querySpend(pool, { from: view.from, to: view.to, teamIds: view.teamIds, groupBy: ['model'] }),
    listTeamOptions(prisma, view.teamIds),
    loadPriceSource(pool, now),
    loadModelColors(prisma),
    loadMonthTrend(pool, { from: view.from, to: view.to, teamIds: view.teamIds }),
  ])
  const nameBySlug = new Map(teams.map((t) => [t.slug, t.name]))
  const q = (table: string) => `/spend/export${filterQuery(sp, { table })}`
  const { totals, previous } = overview
  const change = changeVsPrevious(totals.cost_usd, previous.totals.cost_usd, previous.coverage)
  const month = utcMonthOf(now)
  const filtered = view.modelKeys !== undefined || view.routes !== undefined
  const unpricedModels = overview.byModel.filter((r) => Number(r.unpriced_calls) > 0)
  const series = dailyByModel(overview.byDayModel, overview.byModel, view)
  // A model or team whose every call is unpriced has no cost to rank: it is in the banner, never a "$0.00" bar.
  const topModels = byCostDesc(overview.byModel.filter((r) => r.cost_usd !== null)).slice(0, 10)
  const topTeams = byCostDesc(overview.byTeam.filter((r) => r.cost_usd !== null)).slice(0, 10)
  const tokens = tokenMix(totals)
  const tokenTotal = tokens.reduce((n, t) => n.plus(t.tokens), new Decimal(0))
  const burn = sortForBurn(budgets.statuses).filter((s) => s.budget !== null || !new Decimal(s.spent).isZero())
  const scopeLabel = view.allTeams ? (view.teamSlug ? `team ${view.teamSlug}` : 'all teams') : `team ${user.teamSlug ?? ''}`
  const rangeLabel = `${view.from} – ${view.to}`
  const grain = parseTimeGrain(sp.group)
  const withGrain = (href: string) => (grain === 'day' ? href : `${href}${href.includes('?') ? '&' : '?'}group=${grain}`)
  const presets = datePresetKeys.map((key) => {
    const r = datePresetRange(key, now)
    return { key, label: datePresetLabels[key], href: withGrain(`/spend${filterQuery(sp, r)}`), active: r.from === view.from && r.to === view.to }
  })
  const chartData = regroupSeries(series.data, DAY_KEY, grain)

  return (
    // Breakpoints follow the content area, not the window: the sidebar takes part of the width.
    <div className="@container">
      <PageHeader
        title="Spend"
        description={
          <>
            {rangeLabel} · {scopeLabel}
            {view.modelKey ? ` · model ${view.modelKey}` : ''}
            {view.route ? ` · ${routeLabels[view.route as keyof typeof routeLabels] ?? view.route} route` : ''}. Read from the daily rollups; cost
            excludes unpriced calls, which are counted separately.
          </>
        }
        actions={
          <a
            href={q('daily')}
            download
            className="rounded-tremor-default border border-tremor-border-default bg-white px-3 py-1.5 text-tremor-default font-medium text-tremor-content-strong shadow-tremor-input hover:bg-tremor-background-subtle"
          >
            Download CSV
          </a>
        }
      />

      <PriceSourceNote source={priceSource} canSwitch={can(user.role, 'prices:write') && can(user.role, 'prices:reprice')} />

      <SpendFilters
        from={view.from}
        to={view.to}
        team={view.teamSlug}
        model={view.modelKey}
        route={view.route}
        teams={view.allTeams ? teams : null}
        models={modelOptions.rows.map((r) => r.model ?? '').filter((m) => m !== '')}
        presets={presets}
        group={grain}
      />

      {Number(totals.unpriced_calls) > 0 ? (
        <Callout title="Unpriced usage" color="amber" className="mb-6" data-testid="unpriced-banner">
          <span data-testid="unpriced-calls">{formatCount(totals.unpriced_calls)}</span> call{Number(totals.unpriced_calls) === 1 ? '' : 's'} to{' '}
          <span data-testid="unpriced-models">{unpricedModels.length}</span> model{unpricedModels.length === 1 ? '' : 's'} without a price in force (
          {unpricedModels
            .slice(0, 5)
            .map((m) => m.model)
            .join(', ')}
          {unpricedModels.length > 5 ? ` and ${unpricedModels.length - 5} more` : ''}). Their cost is unknown — not zero — and is not in the totals
          below until a price is added.{' '}
          <Link href="/models?unpriced=1" className="font-medium underline">
            See unpriced models
          </Link>
        </Callout>
      ) : null}

      <div className="mb-6 grid grid-cols-1 gap-4 @xl:grid-cols-2 @4xl:grid-cols-4">
        <Kpi
          label={view.isCurrentMonth ? 'Month to date' : 'Spend in range'}
          value={formatUsd(totals.cost_usd)}
          testId="spend-total"
          hint={
            <>
              {formatCount(totals.calls)} calls
              {Number(totals.unpriced_calls) > 0 ? ` · ${formatCount(totals.unpriced_calls)} unpriced` : ''}
            </>
          }
        />
        <Kpi
          label={`Change vs ${previous.label}`}
          value={
            <span className={change.percent !== null && change.percent > 0 ? 'text-red-700' : change.percent !== null && change.percent < 0 ? 'text-emerald-700' : ''}>
              {formatPercent(change.percent, { signed: true })}
            </span>
          }
          testId="spend-change"
          hint={
            <span data-testid="spend-change-period" data-coverage={previous.coverage}>
              {change.delta !== null ? `${formatUsd(change.delta, { signed: true })} · ` : ''}
              {formatUsd(previous.totals.cost_usd)} on {previous.from} – {previous.to}
              {previous.coverage === 'partial' ? <strong className="font-medium"> · partly covered: data starts {previous.dataFrom}</strong> : null}
              {previous.coverage === 'none' ? <strong className="font-medium"> · no data then</strong> : null}
            </span>
          }
        />
        <Kpi
          label={`Month-end forecast · ${month.month} (current month)`}
          value={formatUsd(budgets.forecast)}
          testId="spend-forecast"
          title={budgets.forecastMethod}
          hint={
            <>
              Σ of {budgets.statuses.length} team forecast{budgets.statuses.length === 1 ? '' : 's'}
              {filtered ? ', all models' : ''} ·{' '}
              <a href="#forecast-method" className="underline">
                method
              </a>
            </>
          }
        />
        <Kpi
          label="Flagged calls"
          value={formatCount(totals.flagged_calls)}
          testId="spend-flagged"
          hint={<>potential saving {formatUsd(totals.potential_saving_usd)}</>}
        />
      </div>

      <Section
        title={grain === 'day' ? 'Daily spend by model' : `Spend by model per ${grain}`}
        description={`Stacked cost per ${grain}${grain === 'week' ? ' (from Monday)' : ''}: the top ${series.categories.filter((c) => c !== OTHER_MODELS).length} priced models${series.categories.includes(OTHER_MODELS) ? ' and the rest' : ''}.`}
        csv={q('daily')}
        className="mb-6"
        testId="daily-chart"
      >
        {overview.byDayModel.length === 0 ? (
          <EmptyState>No usage in {rangeLabel}.</EmptyState>
        ) : (
          <DailySpendChart
            data={grain === 'day' ? chartData.map((d) => ({ ...d, [DAY_KEY]: formatDay(String(d[DAY_KEY])) })) : chartData}
            categories={series.categories}
            colors={series.categories.map((c) => colorOfModel(modelColors, c, OTHER_MODELS))}
            label={`Daily spend by model, ${rangeLabel}`}
          />
        )}
      </Section>

      <div className="mb-6 grid grid-cols-1 gap-4 @4xl:grid-cols-2">
        <Section title="Month over month by model" description={`Cost per month, ${trend.months[0]} – ${trend.months[trend.months.length - 1]}.`} testId="trend-by-model">
          <MonthTrendChart
            data={trend.byModel.data}
            categories={trend.byModel.categories}
            colors={trend.byModel.categories.map((c) => colorOfModel(modelColors, c, OTHER_SERIES))}
            label={`Spend per month by model, ${trend.months[0]} – ${trend.months[trend.months.length - 1]}`}
          />
        </Section>
        <Section title="Month over month by team" description={`Cost per month, ${trend.months[0]} – ${trend.months[trend.months.length - 1]}.`} testId="trend-by-team">
          <MonthTrendChart
            data={trend.byTeam.data}
            categories={trend.byTeam.categories}
            colors={trend.byTeam.categories.map((c, i) => (c === OTHER_SERIES ? 'gray' : modelPalette[i % modelPalette.length]!))}
            label={`Spend per month by team, ${trend.months[0]} – ${trend.months[trend.months.length - 1]}`}
          />
        </Section>
      </div>

      <div className="mb-6 grid grid-cols-1 gap-4 @4xl:grid-cols-2">
        <Section
          title={`Budget burn · ${month.month} (current month)`}
          description={
            view.isCurrentMonth
              ? "Month-to-date spend against each team's monthly budget (all models)."
              : `About the current month, not the selected range: month-to-date spend against each team's monthly budget (all models).`
          }
          csv={q('budgets')} testId="budget-burn">
          {burn.length === 0 ? (
            <EmptyState>No team has a budget or spend this month.</EmptyState>
          ) : (
            <>
              <ul className="divide-y divide-tremor-border-default">
                {burn.slice(0, 8).map((s) => (
                  <BudgetLine key={s.teamId} status={s} name={nameBySlug.get(s.teamSlug) ?? s.teamSlug} href={`/teams/${s.teamSlug}`} />
                ))}
              </ul>
              {burn.length > 8 ? (
                <details className="mt-2 text-tremor-default">
                  <summary className="cursor-pointer text-tremor-brand-default">{burn.length - 8} more teams</summary>
                  <ul className="divide-y divide-tremor-border-default">
                    {burn.slice(8).map((s) => (
                      <BudgetLine key={s.teamId} status={s} name={nameBySlug.get(s.teamSlug) ?? s.teamSlug} href={`/teams/${s.teamSlug}`} />
                    ))}
                  </ul>
                </details>
              ) : null}
            </>
          )}
        </Section>

        {view.allTeams && !view.teamSlug ? (
          <Section title="Top teams" description={`By cost, ${rangeLabel}.`} csv={q('teams')} testId="top-teams">
            {topTeams.length === 0 ? (
              <EmptyState>No usage in this range.</EmptyState>
            ) : (
              <MoneyBarList items={topTeams.map((r) => ({ name: nameBySlug.get(r.team ?? '') ?? r.team ?? '', value: plotCost(r.cost_usd), href: `/teams/${r.team}` }))} />
            )}
          </Section>
        ) : (
          <Section title="Top models" description={`By cost, ${rangeLabel}.`} csv={q('models')} testId="top-models">
            {topModels.length === 0 ? <EmptyState>No usage in this range.</EmptyState> : <MoneyBarList items={topModels.map((r) => ({ name: r.model ?? '', value: plotCost(r.cost_usd) }))} />}
          </Section>
        )}
      </div>

      <div className="mb-6 grid grid-cols-1 gap-4 @4xl:grid-cols-2">
        {view.allTeams && !view.teamSlug ? (
          <Section title="Top models" description={`By cost, ${rangeLabel}.`} csv={q('models')} testId="top-models">
            {topModels.length === 0 ? <EmptyState>No usage in this range.</EmptyState> : <MoneyBarList items={topModels.map((r) => ({ name: r.model ?? '', value: plotCost(r.cost_usd) }))} />}
          </Section>
        ) : null}
        <Section title="Token mix" description="Tokens per canonical bucket, all calls in range." csv={q('tokens')} testId="token-mix">
          {tokenTotal.isZero() ? (
            <EmptyState>No tokens in this range.</EmptyState>
          ) : (
            <CountBarList
              color="violet"
              items={tokens.map((t) => ({ name: `${t.label} · ${formatPercent(percentOf(t.tokens, tokenTotal.toFixed()))}`, value: t.value }))}
            />
          )}
        </Section>
      </div>

      <div className="mb-6 grid grid-cols-1 gap-4 @4xl:grid-cols-2">
        <SplitCard
          title="By route"
          description="The document's four technical routes; models not in the catalog are unmatched."
          total={totals.cost_usd}
          csv={q('routes')}
          testId="split-route"
          rows={overview.byRoute.map((r) => ({
            key: r.route ?? 'unmatched',
            label: r.route ? routeLabels[r.route] : 'Unmatched model',
            measures: r,
          }))}
        />
        <SplitCard
          title="By deployment"
          description="Closed API, open weights served over an API, or run locally."
          total={totals.cost_usd}
          csv={q('deployments')}
          testId="split-deployment"
          rows={overview.byDeployment.map((r) => ({
            key: r.deployment ?? 'unmatched',
            label: r.deployment ? deploymentLabels[r.deployment] : 'Unmatched model',
            measures: r,
          }))}
        />
      </div>

      <footer className="space-y-1 text-tremor-label text-tremor-content">
        <p id="forecast-method">
          <strong className="font-medium text-tremor-content-emphasis">Forecast method.</strong> {budgets.forecastMethod}. Budgets and forecasts are for
          the current month and ignore the model and route filters.
        </p>
        <p>
          The change compares {rangeLabel} with {previous.from} – {previous.to}, {previous.label}: the period of the same length just before the
          range (whole months against as many whole months).
        </p>
      </footer>
    </div>
  )
}
