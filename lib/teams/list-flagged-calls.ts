import type pg from 'pg'
import { listAdvisedCalls, type AdvisedCall } from '@/lib/advisor/list-advised-calls'
import { pageAdvisedCalls, type AdvisedCallsPage } from '@/lib/advisor/page-advised-calls'
import { addUtcDays, toUtcDay } from '@/lib/time/utc-days'

/** A flagged call as the team page lists it; estimatedSaving without trailing zeros. */
export type FlaggedCall = AdvisedCall

export const FLAGGED_CALLS_LIMIT = 50
export const FLAGGED_CALLS_WINDOW_DAYS = 30

/**
 * The team page's window: the last 30 whole UTC days, today included. Its flagged-calls total, spend
 * chart and KPIs read the daily rollups, which count by the UTC day, so the list of flagged calls must
 * cover the same days — a rolling 30 × 24 h window counted part of a 31st day the rollups did not.
 */
export function teamPageWindow(now: Date): { from: string; to: string } {
  const to = toUtcDay(now)
  return { from: addUtcDays(to, -(FLAGGED_CALLS_WINDOW_DAYS - 1)), to }
}

function windowInstants(now: Date): { from: Date; to: Date } {
  const days = teamPageWindow(now)
  return { from: new Date(`${days.from}T00:00:00Z`), to: new Date(`${addUtcDays(days.to, 1)}T00:00:00Z`) }
}

/**
 * A team's most recent calls that carry advice in the team page's window: a bounded list, not an
 * aggregate — totals come from the rollups.
 */
export async function listFlaggedCalls(pool: pg.Pool, teamId: number, now: Date, limit = FLAGGED_CALLS_LIMIT): Promise<FlaggedCall[]> {
  const calls = await listAdvisedCalls(pool, { teamIds: [teamId], ...windowInstants(now), limit })
  return calls.map((c) => ({ ...c, estimatedSaving: c.estimatedSaving === null ? null : trimZeros(c.estimatedSaving) }))
}

/** One page (25) of the team's flagged calls in the same window, with the total, for the team page. */
export function pageFlaggedCalls(pool: pg.Pool, teamId: number, now: Date, page: number): Promise<AdvisedCallsPage> {
  return pageAdvisedCalls(pool, { teamIds: [teamId], ...windowInstants(now), page })
}

function trimZeros(decimal: string): string {
  return decimal.includes('.') ? decimal.replace(/0+$/, '').replace(/\.$/, '') : decimal
}
