import type pg from 'pg'
import type { AdvisableEvent, Advice } from './types'
import { logger } from '@/lib/logger'
import { adviceFrom } from './choose-advice'
import { subjectFromEvent, topFinding } from './evaluate-policy'
import { getTeamPolicyContext } from './team-policy-cache'

export { invalidateTeamPolicyCache } from './team-policy-cache'

/**
 * The per-event advice hook for ingest: the team's policy, catalog, prices and budget state are loaded
 * (or taken from the cache) once per request, then each event is advised in memory.
 */
export async function adviseForTeam(db: pg.Pool, teamId: number): Promise<(e: AdvisableEvent) => Advice | null> {
  const ctx = await getTeamPolicyContext(db, teamId)
  let failures = 0
  return (e) => {
    try {
      return adviceFrom(topFinding(subjectFromEvent(e), ctx), ctx.catalog)
    } catch (err) {
      // Advice is secondary to storing usage: a rule bug must never cost an accepted event. Logged once per batch.
      // (Only the rules down to the first that applies run, so a bug in a lower one goes unnoticed here.)
      if (failures++ === 0) logger.error({ err, teamId }, 'policy evaluation failed; events stored without advice')
      return null
    }
  }
}
