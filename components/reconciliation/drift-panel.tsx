import type { ReconciliationView } from '@/lib/bills/load-reconciliation-view'
import { Section } from '@/components/ui/cards'
import { AcceptDriftForm, type AcceptDriftAction } from './accept-drift-form'

const buckets = ['input', 'cacheRead', 'cacheWrite', 'output', 'reasoning'] as const

/** The price a drift implies, beside the price in force; adding it takes a person's click. */
export function DriftPanel({ drift, canFixPrices, action }: { drift: NonNullable<ReconciliationView['drift']>; canFixPrices: boolean; action: AcceptDriftAction }) {
  const p = drift.proposal
  return (
    <Section title={`Implied price for ${drift.key.model}`} testId="drift-panel" className="mb-4" description={`From the ${drift.key.provider} bill for ${drift.key.date}.`}>
      {p ? (
        <div className="space-y-3">
          <p className="text-tremor-default">
            Tokens match, money does not: billed ${p.billedUsd}, tracked ${p.trackedUsd} (× {p.factor}). The price in force (version #{p.current.id}) scaled by that factor, from {p.date}:
          </p>
          <table className="text-tremor-default tabular-nums">
            <thead>
              <tr>
                <th className="pr-4 text-left font-medium">USD / 1M tokens</th>
                <th className="pr-4 text-left font-medium">now</th>
                <th className="text-left font-medium">implied</th>
              </tr>
            </thead>
            <tbody>
              {buckets.map((b) => (
                <tr key={b}>
                  <td className="pr-4">{b}</td>
                  <td className="pr-4">{p.current[b] ?? '—'}</td>
                  <td>{p.implied[b] ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {canFixPrices ? <AcceptDriftForm action={action} {...drift.key} /> : <p className="text-tremor-label">Your role may not change prices.</p>}
        </div>
      ) : (
        <p role="alert" className="text-tremor-default text-red-700">
          {drift.error}
        </p>
      )}
    </Section>
  )
}
