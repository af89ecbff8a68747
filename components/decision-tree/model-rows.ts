import { formatUsd, formatUsdFine } from '@/components/ui/format'
import { estimateMonthlyCost, type MonthlyVolume } from '@/lib/advisor/estimate-monthly-cost'
import type { ModelPrice, ModelPrices } from '@/lib/advisor/load-model-prices'
import { relatedModels } from '@/lib/advisor/related-models'
import type { LeafNode } from '@/lib/policy/guidance'
import type { Decimal } from '@/lib/pricing/decimal'

export type PriceRow = { model: ModelPrice; recommended: boolean }

/** null = unpriced: the cost is unknown, never 0. */
export function monthlyEstimate(model: ModelPrice, volume: MonthlyVolume): Decimal | null {
  return model.price ? estimateMonthlyCost(volume, model.price) : null
}

/** Cents once an estimate reaches a cent; below that the sub-cent digits, so a cheap model never reads as $0. */
export function formatEstimate(value: Decimal): string {
  return value.abs().gte('0.01') || value.isZero() ? formatUsd(value) : formatUsdFine(value)
}

export function leafModelsLabel(leaf: LeafNode, nameOf: (slug: string) => string): string {
  const join = { single: ' ', together: ' + ', either: ' or ', fallback: ' → ' }[leaf.combination]
  return leaf.models.map(nameOf).join(join)
}

/** Cheapest first at this volume; unpriced models last (unknown is not cheap). */
export function byEstimate(rows: readonly PriceRow[], volume: MonthlyVolume): PriceRow[] {
  const keyed = rows.map((r) => ({ r, estimate: monthlyEstimate(r.model, volume) }))
  keyed.sort((a, b) => (a.estimate === null ? (b.estimate === null ? 0 : 1) : b.estimate === null ? -1 : a.estimate.comparedTo(b.estimate)) || a.r.model.slug.localeCompare(b.r.model.slug))
  return keyed.map((k) => k.r)
}

/** The leaf's models in the document's order, then the alternatives cheapest first. */
export function leafPriceRows(leaf: LeafNode, prices: ModelPrices, volume: MonthlyVolume): PriceRow[] {
  return [
    ...leaf.models.map((slug) => ({ model: prices.get(slug), recommended: true })),
    ...byEstimate(
      relatedModels(leaf.models, prices.routeOf).map((slug) => ({ model: prices.get(slug), recommended: false })),
      volume,
    ),
  ]
}
