import type { SpendMeasures } from '@/lib/reports/spend-measures'
import { formatCount, formatPercent, formatUsd, percentOf } from '@/components/ui/format'
import { EmptyState, Section } from '@/components/ui/cards'
import { SpendDonut } from './spend-charts'
import { plotCost } from './spend-series'
import { ScrollRegion } from '@/components/ui/scroll-region'

export type SplitRow = { key: string; label: string; measures: SpendMeasures }

const th = 'px-2 py-1.5 text-left text-tremor-label font-semibold uppercase tracking-wide text-tremor-content'
const td = 'px-2 py-1.5 text-tremor-default tabular-nums'

/** A donut for the eye and a table with the exact figures (and the CSV of the same rows). */
export function SplitCard({ title, description, rows, total, csv, testId }: { title: string; description?: string; rows: SplitRow[]; total: string | null; csv: string; testId: string }) {
  return (
    <Section title={title} description={description} csv={csv} testId={testId}>
      {rows.length === 0 ? (
        <EmptyState>No usage in this range.</EmptyState>
      ) : (
        <div className="@container">
          <div className="grid grid-cols-1 items-center gap-4 @sm:grid-cols-[8rem_1fr]">
            <SpendDonut data={rows.map((r) => ({ name: r.label, value: plotCost(r.measures.cost_usd) }))} label={`${title}: share of cost`} />
            <ScrollRegion label={`${title} table`}>
              <table className="min-w-full">
                <thead>
                  <tr>
                    <th scope="col" className={th}>{title.replace(/^By /, '')}</th>
                    <th scope="col" className={`${th} text-right`}>Cost</th>
                    <th scope="col" className={`${th} text-right`}>Share</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-tremor-border-default">
                  {rows.map((r) => (
                    <tr key={r.key} data-split={r.key}>
                      <td className={`${td} text-tremor-content-strong`}>
                        {r.label}
                        <span className="block text-tremor-label text-tremor-content">{formatCount(r.measures.calls)} calls</span>
                      </td>
                      <td className={`${td} text-right`}>
                        {formatUsd(r.measures.cost_usd)}
                        {Number(r.measures.unpriced_calls) > 0 ? (
                          <span className="block text-tremor-label text-amber-700" title={`${formatCount(r.measures.unpriced_calls)} unpriced calls not included`}>
                            +{formatCount(r.measures.unpriced_calls)} unpriced
                          </span>
                        ) : null}
                      </td>
                      <td className={`${td} text-right text-tremor-content`}>
                        {formatPercent(r.measures.cost_usd !== null && total !== null ? percentOf(r.measures.cost_usd, total) : null)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </div>
        </div>
      )}
    </Section>
  )
}
