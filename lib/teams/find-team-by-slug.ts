import type { DbClient } from '@/lib/db'
import { teamSlugSchema } from './schemas'

/** The team with this slug, or null; a malformed slug (say with a NUL, which text cannot hold) names none. */
export async function findTeamBySlug(db: DbClient, slug: string): Promise<{ id: number; slug: string } | null> {
  if (!teamSlugSchema.safeParse(slug).success) return null
  return db.team.findUnique({ where: { slug }, select: { id: true, slug: true } })
}
