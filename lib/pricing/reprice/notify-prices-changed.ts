import { invalidatePricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { enqueuePriceUnpriced } from './enqueue-price-unpriced'

/**
 * Call after a committed price or alias change: this process prices new events with it at once (other
 * processes within the snapshot TTL), and stored unpriced events it now covers get priced by the worker.
 * Must run after the commit — a reload before it would cache the old table for the TTL.
 */
export async function notifyPricesChanged(): Promise<{ enqueued: boolean }> {
  invalidatePricingSnapshot()
  return { enqueued: await enqueuePriceUnpriced() }
}
