import { recordAuditBy } from './record-audit'
import type { AuditActor, AuditChange } from './types'
import type { DbClient } from '@/lib/db'

/**
 * Runs a privileged change and writes its audit row in the same transaction: there is no way to make
 * the change without the record, and a failed change leaves no record. Joins the caller's transaction
 * when given one.
 */
export async function runAudited<T>(
  db: DbClient,
  actor: AuditActor,
  change: (tx: DbClient) => Promise<{ result: T; audit: AuditChange }>,
): Promise<T> {
  const run = async (tx: DbClient): Promise<T> => {
    const { result, audit } = await change(tx)
    await recordAuditBy(tx, actor, audit)
    return result
  }
  return '$transaction' in db ? db.$transaction((tx) => run(tx)) : run(db)
}
