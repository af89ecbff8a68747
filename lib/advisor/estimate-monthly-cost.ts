import { calculateCost } from '@/lib/pricing/calculate-cost'
import { Decimal } from '@/lib/pricing/decimal'
import type { PriceVersionRates } from '@/lib/pricing/price-version'

/** A monthly volume as the decision-tree page asks for it: requests × tokens per request. */
export type MonthlyVolume = { requests: number; inputTokens: number; outputTokens: number }

export const DEFAULT_MONTHLY_VOLUME: MonthlyVolume = { requests: 100_000, inputTokens: 1_000, outputTokens: 300 }

/**
 * USD a month at this price version: one request priced exactly (calculateCost), times the requests.
 * Cost is linear in tokens, so this equals pricing requests × tokens in one go. Hidden reasoning tokens
 * are not included (the volume has no reasoning bucket): a reasoning model costs more than this.
 */
export function estimateMonthlyCost(volume: MonthlyVolume, price: PriceVersionRates): Decimal {
  const perRequest = calculateCost({ input: volume.inputTokens, cacheRead: 0, cacheWrite: 0, output: volume.outputTokens, reasoning: 0 }, price)
  return perRequest.times(new Decimal(volume.requests))
}
