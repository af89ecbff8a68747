import type { BudgetEvaluation } from '@/lib/budgets/evaluate-budget'
import type { Decimal } from '@/lib/pricing/decimal'
import type { SpendAnomaly } from './detect-spend-anomaly'

export type AlertKind = 'budget_threshold' | 'budget_forecast' | 'anomaly' | 'unpriced_model' | 'capture_rate'

export type AlertDraft = {
  teamId: number
  kind: AlertKind
  /** Unique in the alerts table: the same fact never alerts twice. */
  dedupeKey: string
  message: string
  data: Record<string, string | number | null>
}

export type TeamAlertFacts = {
  teamId: number
  teamSlug: string
  today: string
  evaluation: BudgetEvaluation
  anomalies: readonly SpendAnomaly[]
  unpricedModels: readonly { model: string; unpricedCalls: string }[]
}

const usd = (d: Decimal) => `$${d.toDecimalPlaces(2).toFixed(2)}`

/**
 * Every alert the facts call for, each with the key that makes it happen once: one per budget threshold
 * per month, one forecast warning per month, one anomaly per day, one per unpriced model per month.
 * Re-planning the same facts yields the same keys, so a checker may run as often as it likes.
 */
export function planTeamAlerts(f: TeamAlertFacts): AlertDraft[] {
  const { evaluation: e, teamId, teamSlug } = f
  const drafts: AlertDraft[] = []
  const budget = e.budget
  if (budget) {
    for (const threshold of e.thresholdsCrossed) {
      drafts.push({
        teamId,
        kind: 'budget_threshold',
        dedupeKey: `budget:${teamId}:${e.month}:${threshold}`,
        message: `Team '${teamSlug}' has spent ${usd(e.spent)} of its ${usd(budget)} budget for ${e.month}${e.percent === null ? '' : ` (${e.percent}%)`}: past the ${threshold}% alert threshold.`,
        data: { team: teamSlug, month: e.month, threshold, budget_usd: budget.toFixed(), spent_usd: e.spent.toFixed(), percent: e.percent },
      })
    }
    if (e.forecastOverBudget) {
      drafts.push({
        teamId,
        kind: 'budget_forecast',
        dedupeKey: `forecast:${teamId}:${e.month}`,
        message: `Team '${teamSlug}' is on course to spend ${usd(e.forecast.forecast)} in ${e.month}, over its ${usd(budget)} budget (spent so far: ${usd(e.spent)}).`,
        data: {
          team: teamSlug,
          month: e.month,
          budget_usd: budget.toFixed(),
          spent_usd: e.spent.toFixed(),
          forecast_usd: e.forecast.forecast.toDecimalPlaces(2).toFixed(),
          forecast_method: e.forecast.method,
        },
      })
    }
  }
  for (const a of f.anomalies) {
    const soFar = a.day === f.today ? ' so far' : ''
    drafts.push({
      teamId,
      kind: 'anomaly',
      dedupeKey: `anomaly:${teamId}:${a.day}`,
      message: `Team '${teamSlug}' has spent ${usd(a.spend)} on ${a.day}${soFar}, more than 3× its median daily spend of ${usd(a.baselineMedian)} over ${a.baselineFrom}..${a.baselineTo}.`,
      data: { team: teamSlug, day: a.day, spend_usd: a.spend.toFixed(), baseline_median_usd: a.baselineMedian.toFixed(), baseline_from: a.baselineFrom, baseline_to: a.baselineTo },
    })
  }
  for (const u of f.unpricedModels) {
    drafts.push({
      teamId,
      kind: 'unpriced_model',
      dedupeKey: `unpriced:${teamId}:${e.month}:${u.model}`,
      message: `Team '${teamSlug}' sent ${u.unpricedCalls} call(s) in ${e.month} to '${u.model}', which has no price in force: they are stored unpriced (cost unknown, not free) until a price is added.`,
      data: { team: teamSlug, month: e.month, model: u.model, unpriced_calls: u.unpricedCalls },
    })
  }
  return drafts
}
