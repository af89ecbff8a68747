import type { Job } from 'bullmq'
import { deliverAlert, type DeliverAlertResult } from '@/lib/alerts/deliver-alert'
import { pool } from '@/lib/db'
import { alertsPayload } from '@/lib/queues'

// A failed delivery throws out of here, so BullMQ retries it with the queue's backoff.
export async function processAlerts(job: Job): Promise<DeliverAlertResult> {
  const { alertId } = alertsPayload.parse(job.data)
  return deliverAlert(pool, alertId)
}
