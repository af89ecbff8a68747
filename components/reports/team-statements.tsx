import type { StatementLine } from '@/lib/reports/month-statement'
import { Decimal } from '@/lib/pricing/decimal'
import { formatCount, formatUsd } from '@/components/ui/format'
import { Time } from '@/components/ui/time'
import { th } from '@/components/ui/styles'
import { ScrollRegion } from '@/components/ui/scroll-region'

// The statement per team: the summary table, then each team's spend by model and token bucket.
// Props are plain data so the page stays the only reader of the database.

export type TeamRow = {
  teamId: number
  teamSlug: string
  teamName: string
  closed: boolean
  closedAt: Date | null
  closedBy: string | null
  calls: number
  unpricedCalls: number
  cost: string
  budget: string | null
  budgetUsedPercent: string | null
  adjustment: string | null
  models: StatementLine[]
}

const td = 'px-3 py-2 text-tremor-default'
const num = `${td} text-right font-mono tabular-nums`

function Status({ t }: { t: TeamRow }) {
  if (!t.closed) return <span className="inline-flex rounded-tremor-small bg-blue-50 px-1.5 py-0.5 text-tremor-label font-medium text-blue-700 ring-1 ring-inset ring-blue-200">Open</span>
  return (
    <span className="text-tremor-label text-tremor-content">
      <span className="inline-flex rounded-tremor-small bg-gray-100 px-1.5 py-0.5 font-medium text-gray-700 ring-1 ring-inset ring-gray-200">Closed</span>
      {t.closedAt ? <span className="block whitespace-nowrap">on <Time value={t.closedAt} /></span> : null}
      {t.closedBy ? <span className="block">by {t.closedBy}</span> : null}
    </span>
  )
}

export function TeamSummaryTable({ teams }: { teams: TeamRow[] }) {
  return (
    <ScrollRegion label="Team statements table" className="rounded-tremor-default border border-tremor-border-default shadow-tremor-card">
      <table className="min-w-full divide-y divide-tremor-border-default" data-testid="statement-teams">
        <thead className="bg-tremor-background-muted">
          <tr>
            <th scope="col" className={th}>Team</th>
            <th scope="col" className={`${th} text-right`}>Spend</th>
            <th scope="col" className={`${th} text-right`}>Budget</th>
            <th scope="col" className={`${th} text-right`}>Used</th>
            <th scope="col" className={`${th} text-right`}>Unpriced calls</th>
            <th scope="col" className={`${th} text-right`}>Calls</th>
            <th scope="col" className={`${th} text-right`}>Adjustment</th>
            <th scope="col" className={th}>Status</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-tremor-border-default">
          {teams.map((t) => {
            const over = t.budgetUsedPercent !== null && new Decimal(t.budgetUsedPercent).gt(100)
            return (
              <tr key={t.teamId} data-team={t.teamSlug}>
                <td className={td}>
                  <a href={`#team-${t.teamSlug}`} className="font-medium text-tremor-content-strong hover:text-tremor-brand-default hover:underline">
                    {t.teamName}
                  </a>
                  <span className="block font-mono text-tremor-label text-tremor-content">{t.teamSlug}</span>
                </td>
                <td className={`${num} font-semibold text-tremor-content-strong`} data-cell="cost">
                  {formatUsd(t.cost)}
                </td>
                <td className={num}>{t.budget === null ? <span className="font-sans text-tremor-content-subtle">none</span> : formatUsd(t.budget)}</td>
                <td className={`${num} ${over ? 'text-red-700' : ''}`}>{t.budgetUsedPercent === null ? '—' : `${t.budgetUsedPercent}%`}</td>
                <td className={`${num} ${t.unpricedCalls > 0 ? 'text-amber-800' : ''}`} data-cell="unpriced">
                  {formatCount(t.unpricedCalls)}
                </td>
                <td className={num}>{formatCount(t.calls)}</td>
                <td className={num} data-cell="adjustment">
                  {t.adjustment === null ? '—' : formatUsd(t.adjustment, { signed: true })}
                </td>
                <td className={td}>
                  <Status t={t} />
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </ScrollRegion>
  )
}

export function TeamModelBreakdown({ team }: { team: TeamRow }) {
  return (
    <details id={`team-${team.teamSlug}`} className="group rounded-tremor-default border border-tremor-border-default bg-white shadow-tremor-card" data-breakdown={team.teamSlug}>
      <summary className="flex cursor-pointer flex-wrap items-baseline justify-between gap-2 px-4 py-3">
        <span className="font-medium text-tremor-content-strong">
          {team.teamName} <span className="font-mono text-tremor-label text-tremor-content">{team.teamSlug}</span>
        </span>
        <span className="font-mono text-tremor-default tabular-nums">
          {formatUsd(team.cost)} · {team.models.length} model{team.models.length === 1 ? '' : 's'}
        </span>
      </summary>
      {team.models.length === 0 ? (
        <p className="border-t border-tremor-border-default px-4 py-3 text-tremor-default text-tremor-content">No usage this month.</p>
      ) : (
        <div className="border-t border-tremor-border-default">
          <ScrollRegion label={`${team.teamName} by model table`}>
            <table className="min-w-full divide-y divide-tremor-border-default">
              <thead className="bg-tremor-background-muted">
                <tr>
                  <th scope="col" className={th}>Model</th>
                  <th scope="col" className={`${th} text-right`}>Calls</th>
                  <th scope="col" className={`${th} text-right`}>Input</th>
                  <th scope="col" className={`${th} text-right`}>Cache read</th>
                  <th scope="col" className={`${th} text-right`}>Cache write</th>
                  <th scope="col" className={`${th} text-right`}>Output</th>
                  <th scope="col" className={`${th} text-right`}>Reasoning</th>
                  <th scope="col" className={`${th} text-right`}>Unpriced</th>
                  <th scope="col" className={`${th} text-right`}>Cost</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-tremor-border-default">
                {team.models.map((m) => (
                  <tr key={m.modelKey} data-model={m.modelKey}>
                    <td className={`${td} font-mono`}>{m.modelKey}</td>
                    <td className={num}>{formatCount(m.calls)}</td>
                    <td className={num}>{formatCount(m.inputTokens)}</td>
                    <td className={num}>{formatCount(m.cacheReadTokens)}</td>
                    <td className={num}>{formatCount(m.cacheWriteTokens)}</td>
                    <td className={num}>{formatCount(m.outputTokens)}</td>
                    <td className={num}>{formatCount(m.reasoningTokens)}</td>
                    <td className={`${num} ${m.unpricedCalls > 0 ? 'text-amber-800' : ''}`}>{formatCount(m.unpricedCalls)}</td>
                    <td className={`${num} text-tremor-content-strong`}>
                      {m.unpricedCalls === m.calls && m.calls > 0 ? <span className="font-sans text-tremor-label text-amber-800">unpriced</span> : formatUsd(m.cost)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <p className="px-4 py-2 text-tremor-label text-tremor-content">Tokens per canonical bucket; cost in USD at the price in force at each call.</p>
        </div>
      )}
    </details>
  )
}
