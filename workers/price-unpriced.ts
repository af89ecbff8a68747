import type { Job } from 'bullmq'
import { pool } from '@/lib/db'
import { logger } from '@/lib/logger'
import { priceUnpricedEvents, type PriceUnpricedResult } from '@/lib/pricing/reprice/price-unpriced-events'

// The maintenance task 'price-unpriced' (enqueued after a price or alias change, and on a schedule).
export { priceUnpricedEvents }

export async function processPriceUnpriced(_job?: Job): Promise<PriceUnpricedResult> {
  const result = await priceUnpricedEvents(pool)
  if (result.priced > 0 || result.matched > 0) logger.info(result, 'priced events that a new price or alias now covers')
  return result
}
