import type { ReactNode } from 'react'
import { Citation, Doc } from '@/components/decision-tree/doc-text'
import { Section } from '@/components/ui/cards'
import type { FutureTrend } from '@/lib/policy/guidance'

/** One Part 6 trend: the document's question, what it saw then and predicts, and the organisation's data under it. */
export function TrendCard({ trend, verdict, testId, children }: { trend: FutureTrend; verdict: ReactNode; testId: string; children: ReactNode }) {
  return (
    <Section title={trend.question.en} description={verdict} testId={testId}>
      {children}
      <details className="mt-3 text-tremor-label text-tremor-content-emphasis">
        <summary className="cursor-pointer font-medium">What the document said (2025-01-04)</summary>
        <ul className="mt-1 list-disc space-y-1 pl-5">
          {[...trend.today, ...trend.prediction].map((t) => (
            <li key={t.zh}>
              <Doc text={t} />
            </li>
          ))}
        </ul>
      </details>
      <Citation>{trend.citation}</Citation>
    </Section>
  )
}
