import { periodLabels, periods, severities, type AdviceFilters, type SearchParams } from '@/lib/advisor/advice-params'
import type { TeamRef } from '@/lib/advisor/advice-page-data'
import { HiddenParams } from './hidden-params'
import { allRules } from './rule-info'
import { buttonClass, inputClass } from './ui'

const label = 'block text-tremor-label font-medium text-tremor-content-emphasis'

/** Period and team: they apply to every figure on the page. */
export function ScopeFilters({ sp, filters, teams }: { sp: SearchParams; filters: AdviceFilters; teams: readonly TeamRef[] | null }) {
  return (
    <form method="get" action="/advice" className="mb-6 flex flex-wrap items-end gap-3 rounded-tremor-default border border-tremor-border-default bg-white p-3 shadow-tremor-card" data-testid="advice-filters">
      <HiddenParams sp={sp} keep={(k) => k !== 'period' && k !== 'team' && k !== 'page'} />
      <label className="block w-44">
        <span className={label}>Period</span>
        <select name="period" defaultValue={filters.period} className={`${inputClass} mt-1`}>
          {periods.map((p) => (
            <option key={p} value={p}>
              {periodLabels[p]}
            </option>
          ))}
        </select>
      </label>
      {teams ? (
        <label className="block w-52">
          <span className={label}>Team</span>
          <select name="team" defaultValue={filters.team ?? ''} className={`${inputClass} mt-1`}>
            <option value="">All teams</option>
            {teams.map((t) => (
              <option key={t.id} value={t.slug}>
                {t.slug}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <button type="submit" className={buttonClass}>
        Apply
      </button>
    </form>
  )
}

/** Rule and severity: they narrow the flagged-calls list only. */
export function CallFilters({ sp, filters }: { sp: SearchParams; filters: AdviceFilters }) {
  return (
    <form method="get" action="/advice#flagged" className="mb-3 flex flex-wrap items-end gap-3" data-testid="flagged-filters">
      <HiddenParams sp={sp} keep={(k) => k !== 'rule' && k !== 'severity' && k !== 'page'} />
      <label className="block w-72 max-w-full">
        <span className={label}>Rule</span>
        <select name="rule" defaultValue={filters.rule ?? ''} className={`${inputClass} mt-1`}>
          <option value="">All rules</option>
          {allRules.map((r) => (
            <option key={r.id} value={r.id}>
              {r.title}
            </option>
          ))}
        </select>
      </label>
      <label className="block w-40">
        <span className={label}>Severity</span>
        <select name="severity" defaultValue={filters.severity ?? ''} className={`${inputClass} mt-1`}>
          <option value="">Any</option>
          {severities.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className={buttonClass}>
        Filter
      </button>
    </form>
  )
}
