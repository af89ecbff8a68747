import type pg from 'pg'
import type { ReadAccess } from '@/lib/auth/session-user'
import { AppError } from '@/lib/errors'

/** Whose spend a caller may read: readerAccess (sessions) or apiKeyReadAccess (API keys) decides. */
export type SpendAccess = ReadAccess

/**
 * Turns a `team` filter into the team ids to query, enforcing the wall between tenants: a team-scoped
 * caller gets its own team whatever it asks for, and asking for any other team is a 403 (whether or not
 * that team exists, so the answer never reveals which slugs are taken).
 */
export async function resolveSpendTeams(pool: pg.Pool, access: SpendAccess, teamSlugs?: readonly string[]): Promise<number[] | 'all'> {
  if (!teamSlugs || teamSlugs.length === 0) return access.kind === 'all' ? 'all' : [access.teamId]
  const wanted = [...new Set(teamSlugs.map((s) => s.toLowerCase()))]
  // PostgreSQL text cannot hold NUL (the query would fail): such a slug names no team.
  const queryable = wanted.filter((s) => !s.includes('\u0000'))
  const { rows } = await pool.query<{ id: number; slug: string }>('SELECT id, slug FROM teams WHERE slug = ANY($1::text[])', [queryable])
  const idBySlug = new Map(rows.map((r) => [r.slug, r.id]))
  if (access.kind === 'team') {
    const others = wanted.filter((s) => idBySlug.get(s) !== access.teamId)
    if (others.length > 0) {
      throw new AppError('forbidden', `you may read only your own team's spend; not allowed: ${others.map((s) => `'${s}'`).join(', ')}`)
    }
    return [access.teamId]
  }
  const unknown = wanted.filter((s) => !idBySlug.has(s))
  if (unknown.length > 0) throw new AppError('invalid', `unknown team(s): ${unknown.map((s) => `'${s}'`).join(', ')}`)
  return [...idBySlug.values()].sort((a, b) => a - b)
}
