import type { PriceSource } from '@prisma/client'
import { calculateCost } from '@/lib/pricing/calculate-cost'
import type { Decimal } from '@/lib/pricing/decimal'
import type { PolicyContext, PolicyModel, PolicySubject } from './types'

export type SavingEstimate = {
  suggestedCost: Decimal | null
  /** actual − suggested; null when either is unpriced (unknown is never 0). */
  estimatedSaving: Decimal | null
  savingKnown: boolean
  priceSource: PriceSource | null
}

/**
 * The call's own token buckets priced at the suggested model's version in force at the call's time,
 * against what the call actually cost. Linear in the buckets, so it is exact for a group of calls too,
 * as long as one price version of each model is in force for the whole group.
 */
export function estimateSaving(subject: PolicySubject, model: PolicyModel, ctx: PolicyContext): SavingEstimate {
  const version = ctx.prices.priceAt(model.id, subject.ts)
  if (!version) return { suggestedCost: null, estimatedSaving: null, savingKnown: false, priceSource: null }
  const suggestedCost = calculateCost(subject.buckets, version)
  const priceSource = ctx.catalog.priceSource(version.id)
  if (subject.cost === null) return { suggestedCost, estimatedSaving: null, savingKnown: false, priceSource }
  return { suggestedCost, estimatedSaving: subject.cost.minus(suggestedCost), savingKnown: true, priceSource }
}
