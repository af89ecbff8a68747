import { queueNames, tryEnqueue, type AlertsPayload } from '@/lib/queues'

/** BullMQ ids may not contain ':'; one job id per alert makes a repeated enqueue a no-op. */
export function alertJobId(alertId: number): string {
  return `alert-${alertId}`
}

/**
 * Queues a webhook delivery; resolves false (never throws, never waits long) when Redis is unavailable:
 * the alert row is the durable record and checkBudgets re-enqueues alerts that were never attempted.
 */
export async function enqueueAlertDelivery(alertId: number, timeoutMs = 500): Promise<boolean> {
  return tryEnqueue(queueNames.alerts, 'deliver', { alertId } satisfies AlertsPayload, alertJobId(alertId), timeoutMs)
}
