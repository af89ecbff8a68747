import type { DbClient } from '@/lib/db'

export type TeamOption = { id: number; slug: string; name: string }

/** The teams a filter may offer, by slug: every team, or only those a reader may see. */
export async function listTeamOptions(db: DbClient, teamIds: 'all' | readonly number[]): Promise<TeamOption[]> {
  return db.team.findMany({
    where: teamIds === 'all' ? {} : { id: { in: [...teamIds] } },
    select: { id: true, slug: true, name: true },
    orderBy: { slug: 'asc' },
  })
}
