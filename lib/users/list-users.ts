import type { Prisma, Role } from '@prisma/client'
import type { SessionUser } from '@/lib/auth/session-user'
import type { DbClient } from '@/lib/db'

/** A user as the settings page and its CSV show them: never the password hash. */
export type UserListRow = SessionUser & { createdAt: Date; disabledAt: Date | null }

export type UserListFilter = {
  role?: Role
  /** A team id, or null for users without a team (admin, finance). */
  teamId?: number | null
  status?: 'active' | 'disabled'
  /** Case-insensitive substring of email or name. */
  query?: string
}

export const userListSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  teamId: true,
  createdAt: true,
  disabledAt: true,
  team: { select: { slug: true } },
} as const satisfies Prisma.UserSelect

export function toUserListRow({ team, ...u }: Prisma.UserGetPayload<{ select: typeof userListSelect }>): UserListRow {
  return { ...u, teamSlug: team?.slug ?? null }
}

export async function listUsers(db: DbClient, filter: UserListFilter = {}, limit = 1000): Promise<UserListRow[]> {
  const where: Prisma.UserWhereInput = {}
  if (filter.role) where.role = filter.role
  if (filter.teamId !== undefined) where.teamId = filter.teamId
  if (filter.status === 'active') where.disabledAt = null
  if (filter.status === 'disabled') where.disabledAt = { not: null }
  if (filter.query) {
    where.OR = [
      { email: { contains: filter.query, mode: 'insensitive' } },
      { name: { contains: filter.query, mode: 'insensitive' } },
    ]
  }
  const rows = await db.user.findMany({
    where,
    orderBy: [{ email: 'asc' }],
    take: limit,
    select: userListSelect,
  })
  return rows.map(toUserListRow)
}
