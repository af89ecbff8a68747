import type { Prisma } from '@prisma/client'
import { pool, prisma } from '@/lib/db'

export type AuditFilter = { action?: string; entity?: string; actor?: string; teamId?: number }

export type AuditRow = {
  id: string
  createdAt: Date
  actor: string
  action: string
  entityType: string
  entityId: string | null
  teamId: number | null
  before: Prisma.JsonValue
  after: Prisma.JsonValue
}

export const AUDIT_PAGE_SIZE = 100

// An action filter ending in '.' is a prefix ("user." = every user change); otherwise exact.
export async function loadAudit(filter: AuditFilter, limit = AUDIT_PAGE_SIZE): Promise<AuditRow[]> {
  const where: Prisma.AuditLogWhereInput = {}
  if (filter.action) where.action = filter.action.endsWith('.') ? { startsWith: filter.action } : filter.action
  if (filter.entity) where.entityType = filter.entity
  if (filter.actor) where.actor = { contains: filter.actor, mode: 'insensitive' }
  if (filter.teamId !== undefined) where.teamId = filter.teamId
  const rows = await prisma.auditLog.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit })
  return rows.map((r) => ({ ...r, id: r.id.toString() }))
}

/** The actions and entity types that occur, for the filter menus. */
export async function loadAuditVocabulary(): Promise<{ actions: string[]; entities: string[] }> {
  const [actions, entities] = await Promise.all([
    pool.query<{ v: string }>('SELECT DISTINCT action AS v FROM audit_log ORDER BY 1'),
    pool.query<{ v: string }>('SELECT DISTINCT entity_type AS v FROM audit_log ORDER BY 1'),
  ])
  return { actions: actions.rows.map((r) => r.v), entities: entities.rows.map((r) => r.v) }
}

export function parseAuditFilter(sp: Record<string, string | undefined>, teamIdBySlug: Map<string, number>): { filter: AuditFilter; applied: Record<string, string> } {
  const filter: AuditFilter = {}
  const applied: Record<string, string> = {}
  const clean = (v: string | undefined) => v?.trim().slice(0, 100) || undefined
  const action = clean(sp.action)
  const entity = clean(sp.entity)
  const actor = clean(sp.actor)
  if (action && /^[a-z_.-]+$/i.test(action)) filter.action = applied.action = action
  if (entity && /^[a-z_.-]+$/i.test(entity)) filter.entity = applied.entity = entity
  if (actor) filter.actor = applied.actor = actor
  if (sp.team && teamIdBySlug.has(sp.team)) {
    filter.teamId = teamIdBySlug.get(sp.team)
    applied.team = sp.team
  }
  return { filter, applied }
}
