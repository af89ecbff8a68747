import type { DbClient } from '@/lib/db'

export type TeamSummary = {
  id: number
  slug: string
  name: string
  createdAt: Date
  users: number
  activeKeys: number
}

export async function listTeams(db: DbClient): Promise<TeamSummary[]> {
  const teams = await db.team.findMany({
    orderBy: { slug: 'asc' },
    include: { _count: { select: { users: true, apiKeys: { where: { revokedAt: null } } } } },
  })
  return teams.map((t) => ({
    id: t.id,
    slug: t.slug,
    name: t.name,
    createdAt: t.createdAt,
    users: t._count.users,
    activeKeys: t._count.apiKeys,
  }))
}
