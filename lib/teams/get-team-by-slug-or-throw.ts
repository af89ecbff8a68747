import type { Team } from '@prisma/client'
import type { DbClient } from '@/lib/db'
import { AppError } from '@/lib/errors'

export async function getTeamBySlugOrThrow(db: DbClient, slug: string): Promise<Team> {
  const team = await db.team.findUnique({ where: { slug } })
  if (!team) throw new AppError('not_found', `unknown team '${slug}'`)
  return team
}
