import type { Severity } from '@prisma/client'
import { formatUsdFine, formatUtc } from '@/components/ui/format'
import { ruleDefinitions } from '@/lib/policy/rule-definitions'
import type { FlaggedCall } from '@/lib/teams/list-flagged-calls'
import { th, td } from '@/components/ui/styles'

const ruleTitles = new Map<string, string>(ruleDefinitions.map((r) => [r.id, r.title]))

export function ruleTitle(rule: string): string | undefined {
  return ruleTitles.get(rule)
}

const severityTone: Record<Severity, string> = {
  risk: 'bg-red-50 text-red-700 ring-red-200',
  warning: 'bg-amber-50 text-amber-800 ring-amber-200',
  saving: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  info: 'bg-blue-50 text-blue-700 ring-blue-200',
}


export function FlaggedCallsTable({ calls }: { calls: FlaggedCall[] }) {
  return (
    <div className="max-h-[36rem] overflow-auto">
      <table className="w-full min-w-[60rem] divide-y divide-tremor-border-default" data-testid="flagged-calls">
        <thead className="sticky top-0 bg-white">
          <tr>
            <th scope="col" className={th}>Time (UTC)</th>
            <th scope="col" className={th}>Model</th>
            <th scope="col" className={th}>Task</th>
            <th scope="col" className={`${th} min-w-72`}>Rule</th>
            <th scope="col" className={th}>Suggested</th>
            <th scope="col" className={`${th} text-right`}>Est. saving</th>
            <th scope="col" className={th}>Severity</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-tremor-border-default">
          {calls.map((c) => (
            <tr key={c.id} data-event={c.eventId}>
              <td className={`${td} whitespace-nowrap text-tremor-label text-tremor-content`}>{formatUtc(c.ts)}</td>
              <td className={`${td} whitespace-nowrap font-mono text-tremor-label text-tremor-content-strong`}>{c.model}</td>
              <td className={`${td} text-tremor-content`}>{c.task ?? '—'}</td>
              <td className={td}>
                <span className="block text-tremor-content-strong">{ruleTitle(c.rule) ?? c.rule}</span>
                <span className="font-mono text-tremor-label text-tremor-content">{c.rule}</span>
              </td>
              <td className={`${td} whitespace-nowrap font-mono text-tremor-label`}>{c.suggestedModel ?? '—'}</td>
              <td className={`${td} whitespace-nowrap text-right tabular-nums`} data-cell="saving">
                {c.estimatedSaving === null ? <span className="text-tremor-content">saving unknown</span> : formatUsdFine(c.estimatedSaving)}
              </td>
              <td className={td}>
                {c.severity ? (
                  <span className={`inline-flex rounded-tremor-small px-1.5 py-0.5 text-tremor-label font-medium ring-1 ring-inset ${severityTone[c.severity]}`}>{c.severity}</span>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
