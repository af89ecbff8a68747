import type { Prisma } from '@prisma/client'

/** Who made a change: a signed-in user (id + email) or a named system actor such as 'cli'. */
export type AuditActor = { id?: number | null; name: string }

export type AuditEntry = {
  actorId?: number | null
  actor: string
  action: string
  entityType: string
  entityId?: string | number | bigint | null
  teamId?: number | null
  before?: Prisma.InputJsonValue | null
  after?: Prisma.InputJsonValue | null
}

/** What a change reports about itself; the actor is filled in by runAudited. */
export type AuditChange = Omit<AuditEntry, 'actor' | 'actorId'>
