import { onProducerQueue, queueNames, type MaintenancePayload } from '@/lib/queues'

/**
 * Asks the maintenance worker to price events that a new price version (or alias) now covers.
 * Never throws and never waits long: the job is idempotent and the worker also runs it on a schedule,
 * so a lost enqueue only delays pricing, it never loses it.
 */
export async function enqueuePriceUnpriced(timeoutMs = 500): Promise<boolean> {
  return onProducerQueue(
    queueNames.maintenance,
    // A fixed id would be swallowed while an earlier completed job is still kept; a time-based one is not.
    (q) => q.add('price-unpriced', { task: 'price-unpriced' } satisfies MaintenancePayload, { jobId: `price-unpriced-${Date.now()}` }).then(() => true),
    false,
    timeoutMs,
  )
}
