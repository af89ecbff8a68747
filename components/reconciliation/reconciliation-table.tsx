import Link from 'next/link'
import type { GapKind } from '@/lib/bills/explain-gap'
import type { ReconciledRow } from '@/lib/bills/reconcile-rows'

const kindLabel: Record<GapKind, { text: string; tone: string }> = {
  match: { text: 'Matches', tone: 'bg-emerald-50 text-emerald-800 ring-emerald-200' },
  price_drift: { text: 'Price drift', tone: 'bg-violet-50 text-violet-800 ring-violet-200' },
  untracked_calls: { text: 'Untracked calls', tone: 'bg-red-50 text-red-700 ring-red-200' },
  over_tracked: { text: 'Tracked > billed', tone: 'bg-amber-50 text-amber-800 ring-amber-200' },
  not_billed: { text: 'Not on the bill', tone: 'bg-amber-50 text-amber-800 ring-amber-200' },
  unmatched_line: { text: 'Not in catalog', tone: 'bg-gray-100 text-gray-700 ring-gray-200' },
  other_currency: { text: 'Other currency', tone: 'bg-sky-50 text-sky-800 ring-sky-200' },
}

export function formatCapture(rate: string | null): string {
  return rate === null ? '—' : `${(Number(rate) * 100).toFixed(2)}%`
}

const th = 'px-2 py-2 text-left text-tremor-label font-medium text-tremor-content'
const td = 'px-2 py-2 align-top'

/** The reconciliation rows, worst gap first, each with its explanation (and, for drift, the way to fix it). */
export function ReconciliationTable({ rows, driftHref, canFixPrices }: { rows: ReconciledRow[]; driftHref: (r: ReconciledRow) => string; canFixPrices: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-tremor-default tabular-nums" data-testid="reconciliation-table">
        <thead>
          <tr className="border-b border-tremor-border-default">
            {['Day', 'Provider', 'Model', 'Billed $', 'Tracked $', 'Gap $', 'Capture', 'Billed tokens', 'Tracked tokens', 'Why'].map((h) => (
              <th key={h} className={th} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const k = kindLabel[r.explanation.kind]
            return (
              <tr key={`${r.date}|${r.provider}|${r.model}`} className="border-b border-tremor-border-default" data-testid="reconciliation-row" data-kind={r.explanation.kind} data-model={r.model}>
                <td className={td}>{r.date}</td>
                <td className={td}>{r.provider}</td>
                <td className={`${td} font-mono text-tremor-label`}>{r.model}</td>
                <td className={td} data-cell="billed">{r.billed_usd}</td>
                <td className={td} data-cell="tracked">{r.tracked_usd}</td>
                <td className={td} data-cell="gap">{r.gap}</td>
                <td className={td} data-cell="capture">{formatCapture(r.capture_rate)}</td>
                <td className={td}>{r.billed_tokens ?? '—'}</td>
                <td className={td}>{r.tracked_tokens}</td>
                <td className={`${td} min-w-72`}>
                  <span className={`mr-2 inline-block rounded-tremor-small px-1.5 py-0.5 text-tremor-label ring-1 ${k.tone}`}>{k.text}</span>
                  <span className="text-tremor-label text-tremor-content" data-cell="explanation">{r.explanation.text}</span>
                  {r.explanation.kind === 'price_drift' && r.explanation.priceFactor && canFixPrices ? (
                    <Link href={driftHref(r)} className="ml-1 text-tremor-label text-tremor-brand-default underline">
                      Review the implied price
                    </Link>
                  ) : null}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
