import type { DbClient } from '@/lib/db'
import { AppError } from '@/lib/errors'

/**
 * Inside the transaction that demotes or disables `userId`: refuses when no other enabled admin would
 * be left, so the organisation can never lock itself out of settings. The enabled admins' rows are
 * locked first, so two admins demoting each other at the same moment cannot both pass the check.
 */
export async function assertAdminRemains(tx: DbClient, userId: number): Promise<void> {
  const admins = await tx.$queryRaw<{ id: number }[]>`
    SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE`
  if (!admins.some((a) => a.id !== userId)) {
    throw new AppError('conflict', 'this is the last enabled admin: make another user admin first')
  }
}
