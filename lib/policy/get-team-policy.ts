import type { DbClient } from '@/lib/db'
import { toTeamPolicyView, type TeamPolicyView } from './team-policy-view'

/** The version in force (the highest), or null when the team has never saved a policy. */
export async function getTeamPolicy(db: Pick<DbClient, 'teamPolicy'>, teamId: number): Promise<TeamPolicyView | null> {
  const row = await db.teamPolicy.findFirst({ where: { teamId }, orderBy: { version: 'desc' } })
  return row ? toTeamPolicyView(row) : null
}
