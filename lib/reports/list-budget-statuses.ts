import type pg from 'pg'
import type { BudgetStatus } from '@/lib/budgets/get-budget-status'
import { budgetDataWindow } from '@/lib/budgets/budget-data-window'
import { evaluateBudget } from '@/lib/budgets/evaluate-budget'
import { forecastMonthSpend } from '@/lib/budgets/forecast-month-spend'
import { loadBudgetPolicies } from '@/lib/budgets/load-budget-policies'
import { loadDailySpend } from '@/lib/budgets/load-daily-spend'
import { loadUnpricedModels } from '@/lib/budgets/load-unpriced-models'
import { Decimal } from '@/lib/pricing/decimal'
import { toUtcDay, utcMonthOf } from '@/lib/time/utc-days'

export type BudgetOverview = {
  /** One per team, ordered by team id: exactly what getBudgetStatus returns for each. */
  statuses: BudgetStatus[]
  /** Σ of the teams' forecasts (each already rounded to the cent), exact. */
  forecast: string
  /** How the summed forecast was made, with the combined daily rate. */
  forecastMethod: string
}

/**
 * getBudgetStatus for many teams in three queries instead of three per team (the Spend and Teams pages
 * show every team a finance user may see). Same readers and the same pure evaluateBudget, so each
 * status equals getBudgetStatus(pool, teamId, now).
 */
export async function listBudgetStatuses(pool: pg.Pool, teamIds: readonly number[] | 'all', now: Date = new Date()): Promise<BudgetOverview> {
  const ids = teamIds === 'all' ? undefined : teamIds
  const month = utcMonthOf(now)
  if (ids && ids.length === 0) return { statuses: [], forecast: '0.00', forecastMethod: forecastMonthSpend(new Map(), now).method }
  const [policies, daily, unpriced] = await Promise.all([
    loadBudgetPolicies(pool, ids),
    loadDailySpend(pool, budgetDataWindow(now), ids),
    loadUnpricedModels(pool, { from: month.firstDay, to: toUtcDay(now) }, ids),
  ])

  const combined = new Map<string, Decimal>()
  let forecast = new Decimal(0)
  const statuses = policies.map((policy): BudgetStatus => {
    const costs = daily.get(policy.teamId) ?? new Map<string, Decimal>()
    for (const [day, cost] of costs) combined.set(day, (combined.get(day) ?? new Decimal(0)).plus(cost))
    const e = evaluateBudget(policy, costs, now)
    const teamForecast = e.forecast.forecast.toDecimalPlaces(2).toFixed(2)
    forecast = forecast.plus(teamForecast)
    return {
      teamId: policy.teamId,
      teamSlug: policy.teamSlug,
      month: e.month,
      budget: e.budget?.toFixed() ?? null,
      spent: e.spent.toFixed(),
      percent: e.percent,
      forecast: teamForecast,
      forecastMethod: e.forecast.method,
      thresholds: e.thresholds,
      thresholdsCrossed: e.thresholdsCrossed,
      unpricedCalls: (unpriced.get(policy.teamId) ?? []).reduce((n, m) => n + Number(m.unpricedCalls), 0),
    }
  })
  // The per-team forecast is linear in the daily costs and every team uses the same window, so the
  // method applied to the summed days describes the summed forecast (up to the per-team cent rounding).
  const method = `Σ over ${statuses.length} team(s) of each team's forecast: ${forecastMonthSpend(combined, now).method}`
  return { statuses, forecast: forecast.toFixed(2), forecastMethod: method }
}
