import type { Team } from '@prisma/client'
import type { DbClient } from '@/lib/db'
import { teamScope, type SessionUser } from '@/lib/auth/session-user'
import { teamSlugSchema } from './schemas'

export type VisibleTeam = { kind: 'ok'; team: Team } | { kind: 'not_found' } | { kind: 'forbidden' }

/**
 * The team a user asked for by slug, behind the tenant wall. A user who may read every team gets 404
 * for an unknown slug; a team-scoped user gets 403 for any slug but their own team's — whether or not
 * it exists, so guessing slugs reveals nothing.
 */
export async function findVisibleTeam(db: Pick<DbClient, 'team'>, user: SessionUser, slug: string): Promise<VisibleTeam> {
  const scope = teamScope(user, 'teams')
  if (scope.kind === 'none') return { kind: 'forbidden' }
  const parsed = teamSlugSchema.safeParse(slug)
  if (scope.kind === 'team') {
    // Compared by id, not by the session's slug (which may be stale after a rename).
    const team = parsed.success ? await db.team.findUnique({ where: { slug: parsed.data } }) : null
    return team && team.id === scope.teamId ? { kind: 'ok', team } : { kind: 'forbidden' }
  }
  if (!parsed.success) return { kind: 'not_found' }
  const team = await db.team.findUnique({ where: { slug: parsed.data } })
  return team ? { kind: 'ok', team } : { kind: 'not_found' }
}
