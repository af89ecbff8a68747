import { z } from 'zod'
import { runAudited } from '@/lib/audit/run-audited'
import type { AuditActor } from '@/lib/audit/types'
import type { DbClient } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { assertAdminRemains } from './assert-admin-remains'
import { userIdSchema } from './schemas'

export const setUserDisabledInput = z.object({
  userId: userIdSchema,
  disabled: z.boolean(),
})

export type SetUserDisabledResult = { id: number; email: string; disabledAt: Date | null; changed: boolean }

/**
 * Disables (or re-enables) a user, with its audit row. A disabled user cannot sign in, and an open
 * session ends at its next re-check (within a minute). Nobody may disable themselves or the last admin.
 */
export async function setUserDisabled(
  db: DbClient,
  input: { userId: number | string; disabled: boolean; actor: AuditActor },
): Promise<SetUserDisabledResult> {
  const parsed = setUserDisabledInput.safeParse(input)
  if (!parsed.success) throw new AppError('invalid', parsed.error.issues[0]?.message ?? 'invalid user')
  const { userId, disabled } = parsed.data
  if (disabled && input.actor.id === userId) throw new AppError('conflict', 'you cannot disable your own account')

  const current = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, disabledAt: true } })
  if (!current) throw new AppError('not_found', `unknown user ${userId}`)
  if ((current.disabledAt !== null) === disabled) return { ...current, changed: false }

  return runAudited(db, input.actor, async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { role: true, teamId: true, disabledAt: true } })
    if (!before) throw new AppError('not_found', `unknown user ${userId}`)
    if (disabled && before.role === 'admin') await assertAdminRemains(tx, userId)
    const updated = await tx.user.update({
      where: { id: userId },
      data: { disabledAt: disabled ? new Date() : null },
      select: { id: true, email: true, disabledAt: true },
    })
    return {
      result: { ...updated, changed: true },
      audit: {
        action: disabled ? 'user.disable' : 'user.enable',
        entityType: 'user',
        entityId: userId,
        teamId: before.teamId,
        before: { email: updated.email, disabledAt: before.disabledAt?.toISOString() ?? null },
        after: { email: updated.email, disabledAt: updated.disabledAt?.toISOString() ?? null },
      },
    }
  })
}
