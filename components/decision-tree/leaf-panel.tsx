import type { ReactNode } from 'react'
import { Section } from '@/components/ui/cards'
import type { MonthlyVolume } from '@/lib/advisor/estimate-monthly-cost'
import type { ModelPrices } from '@/lib/advisor/load-model-prices'
import { guidanceForModel, type LeafNode } from '@/lib/policy/guidance'
import { englishHeadline } from '@/lib/policy/document/english'
import { Citation, Doc } from './doc-text'
import { leafModelsLabel, leafPriceRows } from './model-rows'
import { PriceTable } from './price-table'

const combinationText: Record<LeafNode['combination'], string> = {
  single: 'One model.',
  together: 'Use them together: route each call to the one that fits it. Each estimate is for sending all of the volume to that model.',
  either: 'Either one will do. Each estimate is for sending all of the volume to that model.',
  fallback: 'The first if you can, otherwise the next (→). Each estimate is for sending all of the volume to that model.',
}

export function LeafPanel({ leaf, prices, volume, csv, volumeForm }: { leaf: LeafNode; prices: ModelPrices; volume: MonthlyVolume; csv: string; volumeForm: ReactNode }) {
  const rows = leafPriceRows(leaf, prices, volume)
  const reasoning = rows.some((r) => r.model.route === 'reasoning')
  const zeroLocal = rows.some((r) => r.model.price?.input.isZero() && r.model.price.output.isZero())
  return (
    <Section
      title={`Use ${leafModelsLabel(leaf, (s) => prices.get(s).displayName)}`}
      description={<Doc text={leaf.reason} />}
      csv={csv}
      testId="leaf-result"
    >
      <p className="text-tremor-default text-tremor-content-emphasis">{combinationText[leaf.combination]}</p>
      <Citation>{leaf.citation}</Citation>
      {leaf.caveat ? (
        <p className="mt-3 rounded-tremor-small border border-amber-200 bg-amber-50 px-3 py-2 text-tremor-label text-amber-900" role="note">
          <strong>Check first:</strong> {leaf.caveat}
        </p>
      ) : null}

      <h3 className="mb-2 mt-5 text-tremor-default font-semibold text-tremor-content-strong">Live prices and your monthly cost, beside the alternatives</h3>
      {volumeForm}
      <div className="mt-3">
        <PriceTable rows={rows} volume={volume} caption={`Prices for ${englishHeadline(leaf.label).en} and its alternatives`} testId="leaf-prices" />
      </div>
      <ul className="mt-2 list-disc space-y-0.5 pl-5 text-tremor-label text-tremor-content">
        <li>Alternatives: the document&apos;s other models on the same technical route, and those Part 4 recommends alongside these. The full catalog is on Models &amp; prices.</li>
        {reasoning ? <li>Reasoning models also bill hidden reasoning tokens at the output (or reasoning) price; the estimate does not include them.</li> : null}
        {zeroLocal ? <li>A price of $0 is the document&apos;s for local deployment: the GPUs are not free — add an infrastructure price on the model&apos;s page to count them.</li> : null}
        <li>Unpriced means no price version is in force: the cost is unknown, not zero.</li>
      </ul>

      <h3 className="mb-2 mt-5 text-tremor-default font-semibold text-tremor-content-strong">What the document says about these models</h3>
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
        {[...new Set(leaf.models.map((s) => guidanceForModel(s)).filter((g) => g !== undefined))].map((g) => (
          <article key={g.title} className="rounded-tremor-small border border-tremor-border-default p-3" data-testid="model-guidance">
            <h4 className="text-tremor-default font-semibold text-tremor-content-strong">{g.title}</h4>
            <ul className="mt-1 space-y-0.5 text-tremor-label text-tremor-content-emphasis">
              {g.strengths.map((s) => (
                <li key={s.en}>★ {s.en}</li>
              ))}
              {g.uses.map((u) => (
                <li key={u.en}>✓ {u.en}</li>
              ))}
              {g.antiUses.map((u) => (
                <li key={u.en} className="text-red-700">
                  ✗ {u.en}
                </li>
              ))}
              {g.cautions.map((c) => (
                <li key={c.en} className="text-amber-800">
                  ⚠ {c.en}
                </li>
              ))}
            </ul>
            <Citation>{g.citation}</Citation>
          </article>
        ))}
        {leaf.models.every((s) => !guidanceForModel(s)) ? <p className="text-tremor-label text-tremor-content">Part 5 has no entry for these models.</p> : null}
      </div>
    </Section>
  )
}
