import type pg from 'pg'
import { createAlerts, type CreatedAlert } from '@/lib/alerts/create-alerts'
import { detectSpendAnomaly, type SpendAnomaly } from '@/lib/alerts/detect-spend-anomaly'
import { enqueueAlertDelivery } from '@/lib/alerts/enqueue-alert-delivery'
import { findStrandedAlerts } from '@/lib/alerts/find-stranded-alerts'
import { planTeamAlerts, type AlertDraft } from '@/lib/alerts/plan-team-alerts'
import { logger } from '@/lib/logger'
import { addUtcDays, toUtcDay, utcMonthOf } from '@/lib/time/utc-days'
import { budgetDataWindow } from './budget-data-window'
import { evaluateBudget } from './evaluate-budget'
import { loadBudgetPolicies } from './load-budget-policies'
import { loadDailySpend } from './load-daily-spend'
import { loadUnpricedModels } from './load-unpriced-models'

export type CheckBudgetsOptions = {
  /** Only these teams (default: every team). */
  teamIds?: readonly number[]
  /** How a delivery is queued; tests pass their own. Resolves false when it could not be queued. */
  enqueueDelivery?: (alertId: number) => Promise<boolean>
}

export type CheckBudgetsResult = { teamsChecked: number; created: CreatedAlert[]; enqueued: number }

/**
 * Raises every alert the current numbers call for — budget thresholds, forecast over budget, spend
 * anomalies (yesterday and today), unpriced models — each at most once (dedupe keys), then queues a
 * webhook delivery for each new alert whose team has a webhook. Stateless: it re-reads the rollups
 * each run, so running it every minute, twice at once, or after a missed run is safe and loses nothing.
 */
export async function checkBudgets(pool: pg.Pool, now: Date = new Date(), opts: CheckBudgetsOptions = {}): Promise<CheckBudgetsResult> {
  const today = toUtcDay(now)
  const month = utcMonthOf(now)
  const policies = await loadBudgetPolicies(pool, opts.teamIds)
  const [daily, unpriced] = await Promise.all([
    loadDailySpend(pool, budgetDataWindow(now), opts.teamIds),
    loadUnpricedModels(pool, { from: month.firstDay, to: today }, opts.teamIds),
  ])

  const drafts: AlertDraft[] = []
  for (const policy of policies) {
    const costs = daily.get(policy.teamId) ?? new Map()
    const anomalies = [addUtcDays(today, -1), today]
      .map((day) => detectSpendAnomaly(costs, day))
      .filter((a): a is SpendAnomaly => a !== null)
    drafts.push(
      ...planTeamAlerts({
        teamId: policy.teamId,
        teamSlug: policy.teamSlug,
        today,
        evaluation: evaluateBudget(policy, costs, now),
        anomalies,
        unpricedModels: unpriced.get(policy.teamId) ?? [],
      }),
    )
  }
  const created = await createAlerts(pool, drafts)

  const hasWebhook = new Set(policies.filter((p) => p.webhookUrl !== null).map((p) => p.teamId))
  const toDeliver = new Set([...created.filter((a) => hasWebhook.has(a.teamId)).map((a) => a.id), ...(await findStrandedAlerts(pool, opts.teamIds))])
  const enqueue = opts.enqueueDelivery ?? ((id: number) => enqueueAlertDelivery(id))
  let enqueued = 0
  for (const id of toDeliver) {
    if (await enqueue(id)) enqueued++
    else logger.warn({ alertId: id }, 'alert delivery not enqueued (Redis unavailable?); the next budget check retries')
  }
  if (created.length > 0) logger.info({ created: created.length, enqueued }, 'budget check raised alerts')
  return { teamsChecked: policies.length, created, enqueued }
}
