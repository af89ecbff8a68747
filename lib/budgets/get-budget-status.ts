import type pg from 'pg'
import { AppError } from '@/lib/errors'
import { toUtcDay, utcMonthOf } from '@/lib/time/utc-days'
import { budgetDataWindow } from './budget-data-window'
import { evaluateBudget } from './evaluate-budget'
import { loadBudgetPolicies } from './load-budget-policies'
import { loadDailySpend } from './load-daily-spend'
import { loadUnpricedModels } from './load-unpriced-models'

export type BudgetStatus = {
  teamId: number
  teamSlug: string
  /** 'YYYY-MM', UTC. */
  month: string
  /** Exact decimal strings, USD. budget null = no budget set. */
  budget: string | null
  spent: string
  percent: number | null
  /** Projected month-end spend, rounded to the cent (an estimate, not a ledger figure). */
  forecast: string
  forecastMethod: string
  thresholds: number[]
  thresholdsCrossed: number[]
  /** Calls this month with no price: `spent` does not include them. */
  unpricedCalls: number
}

/** A team's month-to-date spend against its policy's budget, read from rollups_daily. */
export async function getBudgetStatus(pool: pg.Pool, teamId: number, now: Date = new Date()): Promise<BudgetStatus> {
  const [policy] = await loadBudgetPolicies(pool, [teamId])
  if (!policy) throw new AppError('not_found', `no team with id ${teamId}`)
  const month = utcMonthOf(now)
  const [daily, unpriced] = await Promise.all([
    loadDailySpend(pool, budgetDataWindow(now), [teamId]),
    loadUnpricedModels(pool, { from: month.firstDay, to: toUtcDay(now) }, [teamId]),
  ])
  const e = evaluateBudget(policy, daily.get(teamId) ?? new Map(), now)
  return {
    teamId,
    teamSlug: policy.teamSlug,
    month: e.month,
    budget: e.budget?.toFixed() ?? null,
    spent: e.spent.toFixed(),
    percent: e.percent,
    forecast: e.forecast.forecast.toDecimalPlaces(2).toFixed(2),
    forecastMethod: e.forecast.method,
    thresholds: e.thresholds,
    thresholdsCrossed: e.thresholdsCrossed,
    unpricedCalls: (unpriced.get(teamId) ?? []).reduce((n, m) => n + Number(m.unpricedCalls), 0),
  }
}
