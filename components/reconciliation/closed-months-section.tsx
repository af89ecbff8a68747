import type { ClosedMonthLine } from '@/lib/bills/closed-month-comparison'
import { Section } from '@/components/ui/cards'

const cell = 'px-2 py-1'

/** Closed months: the bill beside the tracked spend frozen at close, and beside the rollups now. */
export function ClosedMonthsSection({ lines }: { lines: ClosedMonthLine[] }) {
  return (
    <Section title="Closed months: the bill beside the frozen statement" className="mb-4" testId="closed-months" description="Tracked spend as frozen when the month was closed, and as the rollups say now (late events, re-pricing).">
      <table className="w-full text-tremor-default tabular-nums">
        <thead>
          <tr>
            {['Month', 'Provider', 'Model', 'Billed $', 'Frozen tracked $', 'Tracked now $'].map((h) => (
              <th key={h} className={`${cell} text-left font-medium`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map((c) => (
            <tr key={`${c.month}|${c.provider}|${c.model}`} className="border-t border-tremor-border-default">
              <td className={cell}>{c.month}</td>
              <td className={cell}>{c.provider}</td>
              <td className={`${cell} font-mono text-tremor-label`}>{c.model}</td>
              <td className={cell}>{c.billedUsd}</td>
              <td className={cell}>{c.frozenTrackedUsd}</td>
              <td className={cell}>{c.liveTrackedUsd}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  )
}
