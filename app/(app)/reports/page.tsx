import type { Metadata } from 'next'
import { can } from '@/lib/auth/permissions'
import { pool, prisma } from '@/lib/db'
import { PriceSourceNote } from '@/components/models/price-source-note'
import { loadPriceSource } from '@/lib/pricing/load-price-source'
import { datePresetKeys, datePresetLabels, datePresetRange, type DatePresetKey } from '@/lib/reports/date-presets'
import { loadMonthTrend, OTHER_SERIES } from '@/lib/reports/load-month-trend'
import { loadModelColors } from '@/lib/catalog/load-model-colors'
import { colorOfModel, modelPalette } from '@/lib/catalog/model-colors'
import { DatePresetLinks } from '@/components/spend/date-preset-links'
import { MonthTrendChart } from '@/components/spend/trend-charts'
import { Section } from '@/components/ui/cards'
import { previousMonth } from '@/lib/reports/focus-export'
import { monthOf } from '@/lib/reports/month-statement'
import { PageHeader } from '@/components/ui/page-header'
import { CloseMonthForm } from '@/components/reports/close-month-form'
import { formatCount, formatUsd } from '@/components/ui/format'
import { Time } from '@/components/ui/time'
import { MonthNav, shiftMonth } from '@/components/reports/month-nav'
import { TeamModelBreakdown, TeamSummaryTable, type TeamRow } from '@/components/reports/team-statements'
import { requirePage } from '../require-user'
import { closeMonthAction } from './actions'
import { loadStatement } from '@/lib/reports/load-statement'

export const metadata: Metadata = { title: 'Reports' }

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

const linkButton =
  'rounded-tremor-default border border-tremor-border-default bg-white px-3 py-1.5 text-tremor-default font-medium text-tremor-content-strong shadow-tremor-input hover:bg-tremor-background-subtle'


export default async function ReportsPage({ searchParams }: { searchParams: Promise<{ month?: string; trend?: string }> }) {
  const user = await requirePage('reports')
  const now = new Date()
  const { month: asked, trend: trendAsked } = await searchParams
  const badMonth = asked !== undefined && asked !== '' && !MONTH.test(asked)
  const month = asked && MONTH.test(asked) ? asked : previousMonth(now)
  const current = monthOf(now)
  // The statement is a month; the longer presets set the range of the month-over-month charts.
  const trendKey = datePresetKeys.find((k) => k === trendAsked && k !== 'month' && k !== 'last-month') ?? null
  const trendRange = trendKey ? datePresetRange(trendKey, now) : { from: `${month}-01`, to: `${month}-01` }
  const [view, priceSource, trend, modelColors] = await Promise.all([
    loadStatement(month),
    loadPriceSource(pool, now),
    loadMonthTrend(pool, { ...trendRange, teamIds: 'all', minMonths: trendKey ? 1 : 6 }),
    loadModelColors(prisma),
  ])
  const presetHref = (k: DatePresetKey) =>
    k === 'month' || k === 'last-month' ? `/reports?month=${datePresetRange(k, now).from.slice(0, 7)}` : `/reports?month=${month}&trend=${k}`
  const presets = datePresetKeys.map((k) => ({
    key: k,
    label: datePresetLabels[k],
    href: presetHref(k),
    active: trendKey ? trendKey === k : (k === 'month' || k === 'last-month') && datePresetRange(k, now).from.slice(0, 7) === month,
  }))
  const trendLabel = `${trend.months[0]} – ${trend.months[trend.months.length - 1]}`
  const months = Array.from({ length: 24 }, (_, i) => shiftMonth(current, -i))
  const canClose = can(user.role, 'months:close')
  const openTeams = view.teams.filter((t) => !t.closed).length
  // Only an ended month with usage can be closed; closing freezes its unpriced calls as unknown cost.
  const closable = month < current && view.totals.calls > 0
  const unpricedOpen = view.teams.filter((t) => !t.closed).reduce((n, t) => n + t.statement.totals.unpricedCalls, 0)

  const rows: TeamRow[] = view.teams.map((t) => ({
    teamId: t.teamId,
    teamSlug: t.teamSlug,
    teamName: t.statement.team.name,
    closed: t.closed,
    closedAt: t.closedAt,
    closedBy: t.closedBy,
    calls: t.statement.totals.calls,
    unpricedCalls: t.statement.totals.unpricedCalls,
    cost: t.statement.totals.cost,
    budget: t.statement.budget,
    budgetUsedPercent: t.statement.budgetUsedPercent,
    adjustment: t.adjustment ? t.adjustment.cost : null,
    models: t.statement.models,
  }))

  // One line when every team was closed together (the usual case), otherwise per team in the table.
  const closers = new Set(view.teams.map((t) => `${t.closedAt?.toISOString().slice(0, 16)}|${t.closedBy}`))
  const firstClosed = view.teams.find((t) => t.closed)
  const hasAdjustment = view.totals.adjustment !== '0'

  return (
    <>
      <PageHeader
        title="Reports"
        description="The monthly chargeback statement per team, from the daily rollups: spend by model and token bucket, budget, unpriced calls. Closing a month freezes each team's statement; later re-pricing or late events show beside it as an adjustment."
        actions={
          <div className="flex flex-wrap gap-2">
            <a href={`/reports/export?month=${month}`} download className={linkButton}>
              Statement CSV
            </a>
            <a href={`/api/v1/exports/focus?month=${month}`} download className={linkButton}>
              FOCUS 1.2 CSV
            </a>
          </div>
        }
      />

      <PriceSourceNote source={priceSource} canSwitch={can(user.role, 'prices:write') && can(user.role, 'prices:reprice')} />

      <DatePresetLinks presets={presets} />

      {badMonth ? (
        <p role="alert" className="mb-4 rounded-tremor-default border border-red-200 bg-red-50 px-3 py-2 text-tremor-default text-red-700">
          &lsquo;{asked}&rsquo; is not a month (YYYY-MM); showing {month}.
        </p>
      ) : null}

      <div className="mb-4 flex flex-wrap items-start justify-between gap-4">
        <MonthNav month={month} months={months} />
        <div className="max-w-xl">
          {view.allClosed && firstClosed ? (
            <p className="rounded-tremor-default border border-tremor-border-default bg-white px-3 py-2 text-tremor-default text-tremor-content-emphasis" data-testid="month-status">
              <strong>{month} is closed.</strong>{' '}
              {closers.size === 1 && firstClosed.closedAt ? (
                <>
                  Closed on <Time value={firstClosed.closedAt} /> by {firstClosed.closedBy ?? 'unknown'}.
                </>
              ) : (
                'Closed team by team (see the table).'
              )}
            </p>
          ) : (
            <div className="space-y-2">
              <p className="text-tremor-default text-tremor-content" data-testid="month-status">
                {month === current ? `${month} is the current month: figures still move.` : month > current ? `${month} has not started.` : `${month} is open.`}
                {view.anyClosed ? ` ${view.teams.length - openTeams} of ${view.teams.length} teams closed.` : ''}
              </p>
              {canClose && closable ? <CloseMonthForm action={closeMonthAction} month={month} openTeams={openTeams} unpricedCalls={unpricedOpen} /> : null}
              {canClose && !closable ? (
                <p className="text-tremor-label text-tremor-content" data-testid="close-month-unavailable">
                  {month >= current ? `${month} can be closed once it has ended.` : `Nothing to close: no usage was recorded in ${month}.`}
                </p>
              ) : null}
            </div>
          )}
        </div>
      </div>

      {view.teams.length === 0 ? (
        <p className="rounded-tremor-default border border-tremor-border-default bg-white p-6 text-tremor-default text-tremor-content" data-testid="statement-empty">
          No spend recorded in {month}, and no team closed it.
        </p>
      ) : (
        <>
          <dl className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
            <div className="rounded-tremor-default border border-tremor-border-default bg-white p-4 shadow-tremor-card">
              <dt className="text-tremor-label text-tremor-content">{view.allClosed ? 'Statement total (frozen)' : 'Spend'}</dt>
              <dd className="mt-1 font-mono text-xl font-semibold sm:text-tremor-metric tabular-nums text-tremor-content-strong" data-testid="statement-total">
                {formatUsd(view.totals.cost)}
              </dd>
            </div>
            <div className="rounded-tremor-default border border-tremor-border-default bg-white p-4 shadow-tremor-card">
              <dt className="text-tremor-label text-tremor-content">Adjustments since close</dt>
              <dd className={`mt-1 font-mono text-xl font-semibold sm:text-tremor-metric tabular-nums ${hasAdjustment ? 'text-amber-800' : 'text-tremor-content-strong'}`} data-testid="statement-adjustment">
                {view.anyClosed ? formatUsd(view.totals.adjustment, { signed: true }) : '—'}
              </dd>
              {hasAdjustment ? <dd className="text-tremor-label text-tremor-content">live now {formatUsd(view.totals.liveCost)}</dd> : null}
            </div>
            <div className="rounded-tremor-default border border-tremor-border-default bg-white p-4 shadow-tremor-card">
              <dt className="text-tremor-label text-tremor-content">Calls</dt>
              <dd className="mt-1 font-mono text-xl font-semibold sm:text-tremor-metric tabular-nums text-tremor-content-strong">{formatCount(view.totals.calls)}</dd>
              <dd className="text-tremor-label text-tremor-content">{view.teams.length} teams</dd>
            </div>
            <div className={`rounded-tremor-default border p-4 shadow-tremor-card ${view.totals.unpricedCalls > 0 ? 'border-amber-200 bg-amber-50' : 'border-tremor-border-default bg-white'}`}>
              <dt className="text-tremor-label text-tremor-content">Unpriced calls</dt>
              <dd className="mt-1 font-mono text-xl font-semibold sm:text-tremor-metric tabular-nums text-tremor-content-strong" data-testid="statement-unpriced">
                {formatCount(view.totals.unpricedCalls)}
              </dd>
              <dd className="text-tremor-label text-tremor-content">cost unknown — not in the spend, never free</dd>
            </div>
          </dl>

          <TeamSummaryTable teams={rows} />

          <div className="my-6 grid grid-cols-1 gap-4 lg:grid-cols-2">
            <Section title="Month over month by model" description={`Live cost per month, ${trendLabel}.`} testId="trend-by-model">
              <MonthTrendChart
                data={trend.byModel.data}
                categories={trend.byModel.categories}
                colors={trend.byModel.categories.map((c) => colorOfModel(modelColors, c, OTHER_SERIES))}
                label={`Spend per month by model, ${trendLabel}`}
              />
            </Section>
            <Section title="Month over month by team" description={`Live cost per month, ${trendLabel}.`} testId="trend-by-team">
              <MonthTrendChart
                data={trend.byTeam.data}
                categories={trend.byTeam.categories}
                colors={trend.byTeam.categories.map((c, i) => (c === OTHER_SERIES ? 'gray' : modelPalette[i % modelPalette.length]!))}
                label={`Spend per month by team, ${trendLabel}`}
              />
            </Section>
          </div>

          <h2 className="mb-2 mt-8 text-tremor-title font-semibold text-tremor-content-strong">By model and token bucket</h2>
          <div className="space-y-2">
            {rows.map((t) => (
              <TeamModelBreakdown key={t.teamId} team={t} />
            ))}
          </div>
        </>
      )}
    </>
  )
}
