import type { TokenBuckets } from '@/lib/usage/token-buckets'
import { calculateCost } from './calculate-cost'
import type { Decimal } from './decimal'
import type { PriceIndex } from './price-version'

export type PricedEvent =
  | { status: 'priced'; cost: Decimal; priceVersionId: number }
  | { status: 'unpriced'; cost: null; priceVersionId: null }

const UNPRICED: PricedEvent = { status: 'unpriced', cost: null, priceVersionId: null }

// Unpriced is not free: no matched model or no version in force at the event's own time gives
// cost null. A version whose rates are all 0 (a local model) is a real price and gives cost 0.
export function priceEvent(b: TokenBuckets, modelId: number | null, at: Date, index: PriceIndex): PricedEvent {
  if (modelId === null) return UNPRICED
  const version = index.priceAt(modelId, at)
  if (!version) return UNPRICED
  return { status: 'priced', cost: calculateCost(b, version), priceVersionId: version.id }
}
