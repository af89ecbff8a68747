import type { Role } from '@prisma/client'
import { z } from 'zod'
import { runAudited } from '@/lib/audit/run-audited'
import type { AuditActor } from '@/lib/audit/types'
import type { DbClient } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { teamSlugSchema } from '@/lib/teams/schemas'
import { assertAdminRemains } from './assert-admin-remains'
import { toUserListRow, userListSelect, type UserListRow } from './list-users'
import { requireTeamForRole, roleSchema, userIdSchema } from './schemas'

export const updateUserRoleInput = z
  .object({
    userId: userIdSchema,
    role: roleSchema,
    teamSlug: teamSlugSchema.nullable(),
  })
  .superRefine(requireTeamForRole)

/** Raw input (a form): validated here, so role is any string until proven a Role. */
export type UpdateUserRoleParams = { userId: number | string; role: string; teamSlug: string | null; actor: AuditActor }

export type UpdateUserRoleResult = { user: UserListRow; changed: boolean }

/**
 * Changes a user's role and team, with the audit row (before → after) in the same transaction.
 * An admin cannot change their own role, and the last enabled admin cannot be demoted. Takes effect
 * for a signed-in user at their next session re-check (within a minute).
 */
export async function updateUserRole(db: DbClient, input: UpdateUserRoleParams): Promise<UpdateUserRoleResult> {
  const parsed = updateUserRoleInput.safeParse(input)
  if (!parsed.success) throw new AppError('invalid', parsed.error.issues[0]?.message ?? 'invalid role change')
  const { userId, role, teamSlug } = parsed.data

  const team = teamSlug === null ? null : await db.team.findUnique({ where: { slug: teamSlug }, select: { id: true, slug: true } })
  if (teamSlug !== null && !team) throw new AppError('not_found', `unknown team '${teamSlug}'`, { field: 'teamSlug' })

  const row = await db.user.findUnique({ where: { id: userId }, select: { ...userListSelect } })
  if (!row) throw new AppError('not_found', `unknown user ${userId}`)
  const current = toUserListRow(row)
  if (current.role === role && current.teamId === (team?.id ?? null)) return { user: current, changed: false }
  if (input.actor.id === userId && current.role !== role) throw new AppError('conflict', 'you cannot change your own role', { field: 'role' })

  const user = await runAudited(db, input.actor, async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { role: true, disabledAt: true, team: { select: { slug: true } } } })
    if (!before) throw new AppError('not_found', `unknown user ${userId}`)
    if (before.role === 'admin' && role !== 'admin' && before.disabledAt === null) await assertAdminRemains(tx, userId)
    const updated = await tx.user.update({
      where: { id: userId },
      data: { role: role as Role, teamId: team?.id ?? null },
      select: { id: true, email: true, name: true, role: true, teamId: true, createdAt: true, disabledAt: true },
    })
    return {
      result: { ...updated, teamSlug: team?.slug ?? null },
      audit: {
        action: 'user.update',
        entityType: 'user',
        entityId: userId,
        teamId: updated.teamId,
        before: { email: updated.email, role: before.role, team: before.team?.slug ?? null },
        after: { email: updated.email, role, team: team?.slug ?? null },
      },
    }
  })
  return { user, changed: true }
}
