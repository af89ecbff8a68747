import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { loadAdviceData, resolveAdviceScope, runWhatIf, type AdviceScope } from '@/lib/advisor/advice-page-data'
import { CallFilters, ScopeFilters } from '@/components/advice/advice-filters'
import { parseAdviceFilters, parseWhatIfParams, periodLabels, periods, withParams, type SearchParams } from '@/lib/advisor/advice-params'
import { DatePresetLinks } from '@/components/spend/date-preset-links'
import { ByMoveTable, ByRuleTable, ByTeamTable } from '@/components/advice/advice-tables'
import { FlaggedCallsTable } from '@/components/advice/flagged-calls-table'
import { exact, formatCount, formatUsd } from '@/components/ui/format'
import { isRisk } from '@/components/advice/rule-info'
import { EmptyState, Kpi, Section } from '@/components/ui/cards'
import { WhatIfForm } from '@/components/advice/what-if-form'
import { WhatIfResults } from '@/components/advice/what-if-results'
import { PageHeader } from '@/components/ui/page-header'
import { FLAGGED_PAGE_SIZE, parsePageParam } from '@/lib/advisor/page-advised-calls'
import { ViewTabs } from '@/components/ui/view-tabs'
import { pool, prisma } from '@/lib/db'
import { isAppError } from '@/lib/errors'
import { getPolicyCatalog } from '@/lib/policy/load-policy-catalog'
import { getTeamPolicy } from '@/lib/policy/get-team-policy'
import { Decimal } from '@/lib/pricing/decimal'
import { requirePage } from '../require-user'

export const metadata: Metadata = { title: 'Advice' }

async function policyHref(sp: SearchParams, scope: AdviceScope, teamSlug: string | null, days: number): Promise<string | null> {
  const team = scope.allTeams ? scope.visible.find((t) => t.slug === teamSlug) : scope.visible[0]
  if (!team) return null
  const policy = await getTeamPolicy(prisma, team.id)
  if (!policy) return null
  const defaults = Object.fromEntries(Object.entries(policy.defaultModels).map(([task, slug]) => [`wi_default_${task}`, slug]))
  const kept = Object.fromEntries(Object.entries(sp).filter(([k]) => k !== 'wi' && !k.startsWith('wi_')))
  return `/advice${withParams(kept, {
    wi_team: scope.allTeams ? team.slug : null,
    wi_days: String(days),
    wi_mode: 'policy',
    wi_blocked: policy.blockedModels,
    wi_allowed: policy.allowedModels,
    wi_local: policy.localDataClasses,
    ...defaults,
  })}#what-if`
}

function riskCostText(change: Decimal, unknownCalls: number): string {
  const unknown = unknownCalls > 0 ? `; unknown for ${formatCount(unknownCalls)} (no priced suggestion)` : ''
  if (change.isZero()) return `fixing them changes no known cost${unknown}`
  return `${change.gt(0) ? `fixing them adds ${formatUsd(change.toFixed())}` : `fixing them also cuts ${formatUsd(change.negated().toFixed())}`}${unknown}`
}

export default async function AdvicePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePage('advice')
  const sp = await searchParams
  const filters = parseAdviceFilters(sp)
  const wi = parseWhatIfParams(sp)
  // The what-if is its own view: a run (wi=1) or ?tab=what-if opens it.
  const tab = wi.run || sp.tab === 'what-if' ? 'what-if' : 'advice'
  const adviceView = Object.fromEntries(Object.entries(sp).filter(([k]) => k !== 'wi' && !k.startsWith('wi_')))
  const now = new Date()

  let scope: AdviceScope
  try {
    scope = await resolveAdviceScope(pool, user, filters.team)
  } catch (e) {
    if (isAppError(e) && e.code === 'forbidden') redirect('/forbidden?need=advice:read:all')
    if (!isAppError(e) || e.code !== 'invalid') throw e
    return (
      <>
        <PageHeader title="Advice" />
        <p role="alert" className="rounded-tremor-default border border-red-200 bg-red-50 px-4 py-3 text-tremor-default text-red-800" data-testid="filter-error">
          {e.message}.{' '}
          <Link href="/advice" className="font-medium underline">
            Back to all advice
          </Link>
        </p>
      </>
    )
  }

  const [data, outcome, catalog, loadPolicyHref] = await Promise.all([
    loadAdviceData(pool, scope, filters, now, { page: parsePageParam(sp.page) }),
    runWhatIf(pool, scope, wi, now),
    getPolicyCatalog(pool),
    policyHref(sp, scope, wi.team, wi.days),
  ])
  const { report } = data
  const csv = (table: string) => `/advice/export${withParams(sp, { table, page: null })}`
  const flaggedPage = (n: number) => `/advice${withParams(sp, { page: n === 1 ? null : String(n) })}#flagged`
  const riskRules = report.by_rule.filter((r) => isRisk(r.severity))
  const savingRules = report.by_rule.filter((r) => !isRisk(r.severity))
  const periodSaving = savingRules.reduce((t, r) => t.plus(r.saving), new Decimal(0))
  const riskCalls = riskRules.reduce((n, r) => n + r.calls, 0)
  const riskCost = riskRules.reduce((t, r) => t.plus(r.cost_at_suggested).minus(r.current_cost), new Decimal(0))
  const scopeLabel = scope.allTeams ? (scope.selected ? `team ${scope.selected}` : 'all teams') : `team ${scope.selected ?? ''}`
  const periodLabel = `${periodLabels[filters.period]} (${data.range.from} – ${data.range.to})`
  const month = data.thisMonth.spend.totals
  const last = data.lastMonth.spend.totals
  const models = [...catalog.bySlug.values()].map((m) => ({ slug: m.slug, displayName: m.displayName, deployment: m.deployment })).sort((a, b) => a.slug.localeCompare(b.slug))

  return (
    <>
      <PageHeader
        title="Advice"
        description={
          <>
            Calls the policy rules flagged for {scopeLabel}, the model each should move to and what that would save — with the rule and the
            document section behind it. Risk advice fixes a hazard and is never counted as a saving.
          </>
        }
      />
      <DatePresetLinks presets={periods.map((p) => ({ key: p, label: periodLabels[p], href: `/advice${withParams(sp, { period: p, page: null })}`, active: filters.period === p }))} />
      <ScopeFilters sp={sp} filters={filters} teams={scope.allTeams ? scope.visible : null} />
      <ViewTabs
        tabs={[
          { href: `/advice${withParams(adviceView, { tab: null })}`, label: 'Advice and flagged calls', active: tab === 'advice', testId: 'tab-advice' },
          { href: `/advice${withParams(adviceView, { tab: 'what-if' })}`, label: 'What-if', active: tab === 'what-if', testId: 'tab-what-if' },
        ]}
      />

      {tab === 'advice' ? (
        <>

      <div className="mb-6 grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Kpi
          label={`Potential saving this month · ${data.thisMonth.range.from.slice(0, 7)}`}
          value={<span data-exact={exact(month.potential_saving_usd)}>{formatUsd(month.potential_saving_usd)}</span>}
          testId="advice-saving-month"
          hint={<span data-testid="advice-flagged-month">{formatCount(month.flagged_calls)} flagged calls · daily rollups</span>}
        />
        <Kpi
          label={`Last month · ${data.lastMonth.range.from.slice(0, 7)}`}
          value={<span data-exact={exact(last.potential_saving_usd)}>{formatUsd(last.potential_saving_usd)}</span>}
          testId="advice-saving-last-month"
          hint={<span data-testid="advice-flagged-last-month">{formatCount(last.flagged_calls)} flagged calls · daily rollups</span>}
        />
        <Kpi
          label={`Saving from advice · ${periodLabels[filters.period].toLowerCase()}`}
          value={formatUsd(periodSaving.toFixed())}
          testId="advice-saving-period"
          hint={<>{formatCount(report.totals.calls - riskCalls)} calls on saving, warning and info rules</>}
        />
        <Kpi
          label="Risk fixes (not a saving)"
          tone="risk"
          value={formatCount(riskCalls)}
          testId="advice-risk-calls"
          hint={<>calls · {riskCostText(riskCost, riskRules.reduce((n, r) => n + r.unknown.calls, 0))}</>}
        />
      </div>

      <div className="mb-6 grid grid-cols-1 gap-4">
        <Section title="Saving by rule" description={`${periodLabel} · largest saving first`} csv={csv('by-rule')} testId="section-by-rule">
          {savingRules.length === 0 ? <EmptyState>No saving, warning or info advice in this period.</EmptyState> : <ByRuleTable rows={savingRules} />}
        </Section>
        <Section
          title="Risks — not a saving"
          tone="risk"
          description="Advice that fixes a hazard the document names (data that must stay local, critical work on R1). The change in cost is shown, not counted as a saving."
          csv={csv('by-rule')}
          testId="section-risks"
        >
          {riskRules.length === 0 ? <EmptyState>No risk advice in this period.</EmptyState> : <ByRuleTable rows={riskRules} risk />}
        </Section>
      </div>

      <div className="mb-6 grid grid-cols-1 gap-4 2xl:grid-cols-2">
        <Section title="By team" description={`${periodLabel} · net of risk fixes`} csv={csv('by-team')} testId="section-by-team">
          {report.by_team.length === 0 ? <EmptyState>No advice in this period.</EmptyState> : <ByTeamTable rows={report.by_team} />}
        </Section>
        <Section title="By model → suggested model" description={`${periodLabel} · net of risk fixes`} csv={csv('by-move')} testId="section-by-move">
          {report.by_move.length === 0 ? <EmptyState>No advice in this period.</EmptyState> : <ByMoveTable rows={report.by_move} />}
        </Section>
      </div>

      <div id="flagged" className="mb-6 scroll-mt-4">
        <Section
          title="Flagged calls"
          description={`Advised calls in ${periodLabel}, newest first, ${FLAGGED_PAGE_SIZE} a page${filters.rule ? ` · rule ${filters.rule}` : ''}${filters.severity ? ` · ${filters.severity}` : ''}.`}
          csv={csv('flagged')}
          testId="section-flagged"
        >
          <CallFilters sp={sp} filters={filters} />
          {!data.flagged || data.flagged.total === 0 ? (
            <EmptyState>{filters.rule || filters.severity ? 'No flagged calls match these filters.' : 'No flagged calls in this period.'}</EmptyState>
          ) : (
            <FlaggedCallsTable page={data.flagged} hrefForPage={flaggedPage} />
          )}
        </Section>
      </div>

        </>
      ) : (
      <div id="what-if" className="mb-6 scroll-mt-4">
        <Section
          title="What if…"
          description="Replay past calls as if all advice had been followed, or under a proposed policy: spend before and after, and which calls would move. Exact to the last digit."
          testId="section-what-if"
        >
          <WhatIfForm
            sp={sp}
            wi={wi}
            allTeams={scope.allTeams}
            teams={scope.visible}
            models={models}
            loadPolicyHref={loadPolicyHref}
            targetError={outcome.status === 'invalid' ? outcome.fieldErrors.target : undefined}
          />
          {outcome.status === 'invalid' ? (
            <ul role="alert" className="mt-4 list-disc rounded-tremor-default border border-red-200 bg-red-50 py-3 pl-8 pr-4 text-tremor-default text-red-800" data-testid="what-if-errors">
              {outcome.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : null}
          {outcome.status === 'done' ? (
            <div className="mt-6 border-t border-tremor-border-default pt-4">
              <WhatIfResults report={outcome.report} window={outcome.window} teamLabel={outcome.teamLabel} csv={csv} />
            </div>
          ) : null}
        </Section>
      </div>

      )}

      <p className="text-tremor-label text-tremor-content" data-testid="advice-footnote">
        The two monthly figures come from the daily rollups (flagged calls and potential saving per team, model and day), net of risk fixes that cost
        more. The rollups have no per-rule split, so the breakdowns by rule, team and model move read the advised events themselves over the chosen
        period (at most 366 days, through the team and time index), pricing each call at its suggested model with the price version in force at the
        call&apos;s time. The what-if replays the raw events of the chosen window on request. Unpriced calls are counted as “saving unknown”, never as
        zero.
      </p>
    </>
  )
}
