import type { ReactNode } from 'react'
import { Section } from '@/components/ui/cards'
import type { MonthlyVolume } from '@/lib/advisor/estimate-monthly-cost'
import type { ModelPrices } from '@/lib/advisor/load-model-prices'
import { questionnaire, questionnaireQuestion } from '@/lib/policy/guidance'
import { Citation, Doc } from './doc-text'
import { byEstimate } from './model-rows'
import { PriceTable } from './price-table'

/** Every model any A–F answer recommends, cheapest estimate first (unpriced last). */
export function questionnaireComparisonRows(prices: ModelPrices, volume: MonthlyVolume) {
  return byEstimate([...new Set(questionnaire.flatMap((a) => a.recommended))].map((slug) => ({ model: prices.get(slug), recommended: false })), volume)
}

export function QuestionnaireCards({ prices, volume, csv, volumeForm }: { prices: ModelPrices; volume: MonthlyVolume; csv: string; volumeForm: ReactNode }) {
  const comparison = questionnaireComparisonRows(prices, volume)
  return (
    <>
      <Section title={`Part 4 · ${questionnaireQuestion.en}`} description={<Doc text={questionnaireQuestion} />} className="mb-6" csv={csv}>
        {volumeForm}
      </Section>
      <div className="mb-6 grid grid-cols-1 gap-4 xl:grid-cols-2" data-testid="questionnaire">
        {questionnaire.map((a) => (
          <article key={a.id} id={`answer-${a.id}`} data-answer={a.id} className="min-w-0 rounded-tremor-default border border-tremor-border-default bg-white p-4 shadow-tremor-card">
            <div className="flex items-start gap-3">
              <span aria-hidden="true" className="flex size-9 shrink-0 items-center justify-center rounded-tremor-full bg-tremor-brand-faint text-lg font-bold text-tremor-brand-emphasis">
                {a.id}
              </span>
              <div className="min-w-0">
                <h2 className="text-tremor-title font-semibold text-tremor-content-strong">
                  <span className="sr-only">{a.id}. </span>
                  {a.need.en}
                </h2>
                <p className="text-tremor-label text-tremor-content" lang="zh">
                  {a.need.zh}
                </p>
                <p className="mt-1 text-tremor-default italic text-tremor-content-emphasis">“{a.statement.en}”</p>
              </div>
            </div>
            <div className="mt-3">
              <PriceTable rows={a.recommended.map((slug) => ({ model: prices.get(slug), recommended: true }))} volume={volume} caption={`Recommended for ${a.id}`} testId={`answer-${a.id}-prices`} compact />
            </div>
            <h3 className="mt-3 text-tremor-label font-semibold uppercase tracking-wide text-tremor-content">Why</h3>
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-tremor-default text-tremor-content-emphasis">
              {a.reasons.map((r) => (
                <li key={r.en}>{r.en}</li>
              ))}
            </ul>
            <p className="mt-2 text-tremor-label text-tremor-content">
              <span className="font-semibold">The document&apos;s cost:</span> <Doc text={a.cost} />
            </p>
            {a.notes.length > 0 ? (
              <ul className="mt-1 space-y-0.5 text-tremor-label text-tremor-content">
                {a.notes.map((n) => (
                  <li key={n.en}>• {n.en}</li>
                ))}
              </ul>
            ) : null}
            <Citation>{a.citation}</Citation>
          </article>
        ))}
      </div>
      <Section title="Every option at your volume" description="All models the A–F answers recommend, cheapest first; unpriced models last." testId="questionnaire-comparison">
        <PriceTable rows={comparison} volume={volume} caption="All questionnaire options" />
      </Section>
    </>
  )
}
