import { formatCount, formatUsd } from '@/components/ui/format'
import type { RepricePlanJson } from '@/lib/pricing/reprice/plan-reprice'
import { Badge } from './badge'
import { th } from '@/components/ui/styles'

// The dry run of a re-price, per team and month. Presentational only: the planner (client) and the
// stored dry-run view (server) both render it.

export type { RepricePlanJson }

const td = 'px-3 py-2 text-tremor-default'
const num = `${td} text-right font-mono tabular-nums`

export function RepricePlanTable({ plan }: { plan: RepricePlanJson }) {
  const closedMonths = plan.rows.filter((r) => r.closed && r.changed > 0)
  return (
    <div className="space-y-3" data-testid="reprice-plan">
      <dl className="grid gap-3 sm:grid-cols-4">
        {[
          ['Events in window', formatCount(plan.events)],
          ['Events that change', formatCount(plan.changed)],
          ['Cost now → after', `${formatUsd(plan.oldCost)} → ${formatUsd(plan.newCost)}`],
          ['Change', formatUsd(plan.delta, { signed: true })],
        ].map(([label, value]) => (
          <div key={label} className="rounded-tremor-default border border-tremor-border-default bg-white p-3 shadow-tremor-card">
            <dt className="text-tremor-label text-tremor-content">{label}</dt>
            <dd className="mt-1 font-mono text-tremor-default font-semibold tabular-nums text-tremor-content-strong" data-plan={label}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {closedMonths.length > 0 ? (
        <p className="rounded-tremor-default border border-amber-200 bg-amber-50 px-3 py-2 text-tremor-default text-amber-900">
          {closedMonths.length} team-month{closedMonths.length === 1 ? ' is' : 's are'} already closed: the frozen statement stays as it is and the
          change shows beside it as an adjustment.
        </p>
      ) : null}
      {plan.rows.length === 0 ? (
        <p className="rounded-tremor-default border border-tremor-border-default bg-white p-4 text-tremor-default text-tremor-content">No events in this window.</p>
      ) : (
        <div className="overflow-x-auto rounded-tremor-default border border-tremor-border-default bg-white shadow-tremor-card">
          <table className="min-w-full divide-y divide-tremor-border-default">
            <thead className="bg-tremor-background-muted">
              <tr>
                <th scope="col" className={th}>Team</th>
                <th scope="col" className={th}>Month</th>
                <th scope="col" className={`${th} text-right`}>Events</th>
                <th scope="col" className={`${th} text-right`}>Changed</th>
                <th scope="col" className={`${th} text-right`}>Cost now</th>
                <th scope="col" className={`${th} text-right`}>After</th>
                <th scope="col" className={`${th} text-right`}>Change</th>
                <th scope="col" className={`${th} text-right`}>Unpriced now → after</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-tremor-border-default">
              {plan.rows.map((r) => (
                <tr key={`${r.teamId}-${r.month}`} data-team={r.teamSlug} data-month={r.month}>
                  <td className={td}>{r.teamSlug}</td>
                  <td className={td}>
                    <span className="mr-2 font-mono">{r.month}</span>
                    {r.closed ? <Badge tone="amber" title="Closed month: the change becomes an adjustment">Closed · adjustment</Badge> : null}
                  </td>
                  <td className={num}>{formatCount(r.events)}</td>
                  <td className={num}>{formatCount(r.changed)}</td>
                  <td className={num}>{formatUsd(r.oldCost)}</td>
                  <td className={num}>{formatUsd(r.newCost)}</td>
                  <td className={`${num} ${r.delta.startsWith('-') ? 'text-emerald-700' : r.delta === '0' ? '' : 'text-red-700'}`}>{formatUsd(r.delta, { signed: true })}</td>
                  <td className={num}>
                    {formatCount(r.unpricedBefore)} → {formatCount(r.unpricedAfter)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
