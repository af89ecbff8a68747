import { producerQueue, queueNames, type AlertsPayload } from '@/lib/queues'

/** BullMQ ids may not contain ':'; one job id per alert makes a repeated enqueue a no-op. */
export function alertJobId(alertId: number): string {
  return `alert-${alertId}`
}

/**
 * Queues a webhook delivery; resolves false (never throws, never waits long) when Redis is unavailable:
 * the alert row is the durable record and checkBudgets re-enqueues alerts that were never attempted.
 */
export async function enqueueAlertDelivery(alertId: number, timeoutMs = 500): Promise<boolean> {
  const queue = producerQueue(queueNames.alerts)
  const add = queue
    .waitUntilReady()
    .then(() => queue.add('deliver', { alertId } satisfies AlertsPayload, { jobId: alertJobId(alertId) }))
    .then(() => true)
    .catch(() => false)
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref())
  return Promise.race([add, timeout])
}
