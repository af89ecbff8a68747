import type pg from 'pg'
import { budgetDataWindow } from '@/lib/budgets/budget-data-window'
import { forecastMonthSpend } from '@/lib/budgets/forecast-month-spend'
import { loadDailySpend } from '@/lib/budgets/load-daily-spend'
import type { Decimal } from '@/lib/pricing/decimal'
import type { BudgetState } from './types'

/**
 * Month-to-date spend and the month-end forecast, from the daily rollups and with the budgets module's
 * own forecast, so the budget rule and the budget alerts never disagree about "over budget". The
 * rollups trail ingest by seconds, which is fine for a nudge. No budget → no state: the rule stays quiet.
 */
export async function loadBudgetState(db: pg.Pool, teamId: number, budget: Decimal | null, now: Date): Promise<BudgetState | null> {
  if (budget === null) return null
  const daily = await loadDailySpend(db, budgetDataWindow(now), [teamId])
  const f = forecastMonthSpend(daily.get(teamId) ?? new Map(), now)
  return { spent: f.monthToDate, forecast: f.forecast, budget }
}
