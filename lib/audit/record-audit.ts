import type { AuditActor, AuditChange, AuditEntry } from './types'
import type { DbClient } from '@/lib/db'

/**
 * Appends one row to the audit log. Pass the transaction that makes the change, so the change and
 * its record commit or roll back together. Never put secrets (key hashes, password hashes) in before/after.
 */
export async function recordAudit(db: DbClient, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: entry.actorId ?? null,
      actor: entry.actor,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      teamId: entry.teamId ?? null,
      ...(entry.before != null ? { before: entry.before } : {}),
      ...(entry.after != null ? { after: entry.after } : {}),
    },
  })
}

/** The audit row of a change an actor made: a signed-in user, or a named system actor such as 'cli'. */
export async function recordAuditBy(db: DbClient, actor: AuditActor, change: AuditChange): Promise<void> {
  await recordAudit(db, { ...change, actor: actor.name, actorId: actor.id ?? null })
}
