import type pg from 'pg'
import { listAdvisedCalls, type AdvisedCall } from '@/lib/advisor/list-advised-calls'
import { pageAdvisedCalls, type AdvisedCallsPage } from '@/lib/advisor/page-advised-calls'

/** A flagged call as the team page lists it; estimatedSaving without trailing zeros. */
export type FlaggedCall = AdvisedCall

export const FLAGGED_CALLS_LIMIT = 50
export const FLAGGED_CALLS_WINDOW_DAYS = 30

/**
 * A team's most recent calls that carry advice, up to `now`: a bounded list, not an aggregate — totals
 * come from the rollups.
 */
export async function listFlaggedCalls(pool: pg.Pool, teamId: number, now: Date, limit = FLAGGED_CALLS_LIMIT): Promise<FlaggedCall[]> {
  const calls = await listAdvisedCalls(pool, {
    teamIds: [teamId],
    from: new Date(now.getTime() - FLAGGED_CALLS_WINDOW_DAYS * 86_400_000),
    to: new Date(now.getTime() + 1),
    limit,
  })
  return calls.map((c) => ({ ...c, estimatedSaving: c.estimatedSaving === null ? null : trimZeros(c.estimatedSaving) }))
}

/** One page (25) of the team's flagged calls in the same window, with the total, for the team page. */
export function pageFlaggedCalls(pool: pg.Pool, teamId: number, now: Date, page: number): Promise<AdvisedCallsPage> {
  return pageAdvisedCalls(pool, { teamIds: [teamId], from: new Date(now.getTime() - FLAGGED_CALLS_WINDOW_DAYS * 86_400_000), to: new Date(now.getTime() + 1), page })
}

function trimZeros(decimal: string): string {
  return decimal.includes('.') ? decimal.replace(/0+$/, '').replace(/\.$/, '') : decimal
}
