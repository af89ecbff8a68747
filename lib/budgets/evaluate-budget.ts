import type { Decimal } from '@/lib/pricing/decimal'
import { crossedThresholds } from './crossed-thresholds'
import { forecastMonthSpend, type MonthForecast } from './forecast-month-spend'

export const DEFAULT_ALERT_THRESHOLDS: readonly number[] = [50, 80, 100]

export type BudgetSettings = {
  /** null = the team has no budget: spend is still tracked, thresholds never fire. */
  monthlyBudget: Decimal | null
  /** Percent of the budget; the policy's list, or the default when the policy has none. */
  alertThresholds: readonly number[]
}

export type BudgetEvaluation = {
  month: string
  budget: Decimal | null
  spent: Decimal
  /** For display only (a float is fine here; the threshold checks compare exact Decimals). null without a positive budget. */
  percent: number | null
  forecast: MonthForecast
  thresholds: number[]
  thresholdsCrossed: number[]
  /** True when the forecast passes a budget that is not yet spent: the early warning. */
  forecastOverBudget: boolean
}

/** A team's month so far against its budget. `costs`: spend per UTC day, covering the month and the 15 days before `now`. */
export function evaluateBudget(settings: BudgetSettings, costs: ReadonlyMap<string, Decimal>, now: Date): BudgetEvaluation {
  const forecast = forecastMonthSpend(costs, now)
  const spent = forecast.monthToDate
  const budget = settings.monthlyBudget
  const thresholds = [...new Set(settings.alertThresholds)].filter((t) => Number.isInteger(t) && t > 0).sort((a, b) => a - b)
  return {
    month: forecast.month,
    budget,
    spent,
    percent: budget && budget.gt(0) ? spent.div(budget).times(100).toDecimalPlaces(2).toNumber() : null,
    forecast,
    thresholds,
    thresholdsCrossed: budget ? crossedThresholds(spent, budget, thresholds) : [],
    forecastOverBudget: budget !== null && spent.lt(budget) && forecast.forecast.gt(budget),
  }
}
