import type { DbClient } from '@/lib/db'
import { toTeamPolicyView, type TeamPolicyView } from './team-policy-view'

/** Every saved version, newest first: the policy editor's history. */
export async function listTeamPolicyVersions(db: Pick<DbClient, 'teamPolicy'>, teamId: number, opts: { limit?: number } = {}): Promise<TeamPolicyView[]> {
  const rows = await db.teamPolicy.findMany({ where: { teamId }, orderBy: { version: 'desc' }, take: opts.limit ?? 100 })
  return rows.map(toTeamPolicyView)
}
