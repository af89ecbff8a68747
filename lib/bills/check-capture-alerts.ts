import type pg from 'pg'
import { createAlerts } from '@/lib/alerts/create-alerts'
import { enqueueAlertDelivery } from '@/lib/alerts/enqueue-alert-delivery'
import { planCaptureAlerts } from '@/lib/alerts/plan-capture-alerts'
import { queryReconciliation } from './query-reconciliation'
import { loadReconciliationSettings } from './reconciliation-settings'
import { dailyCapture } from './reconcile-rows'

/**
 * After a bill is loaded: alert (through the alert team's webhook) on each provider-day whose capture
 * rate fell below the admin's threshold. Without an alert team there is nowhere to send it; the page
 * still shows the rate. Returns how many alerts are new.
 */
export async function checkCaptureAlerts(pool: pg.Pool, input: { providers: readonly string[]; from: string; to: string }): Promise<number> {
  const settings = await loadReconciliationSettings(pool)
  if (!settings.alertTeam) return 0
  const drafts = []
  for (const provider of input.providers) {
    const { rows } = await queryReconciliation(pool, { from: input.from, to: input.to, provider })
    drafts.push(...planCaptureAlerts({ days: dailyCapture(rows), thresholdPercent: settings.captureThresholdPercent, alertTeam: settings.alertTeam }))
  }
  const created = await createAlerts(pool, drafts)
  // The alert row is the durable record; a lost enqueue is picked up by the alert sweeper.
  await Promise.all(created.map((a) => enqueueAlertDelivery(a.id)))
  return created.length
}
