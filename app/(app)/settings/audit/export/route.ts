import { auth } from '@/auth'
import { assertPermission, sessionUserOrThrow } from '@/lib/auth/session-user'
import { csvResponse } from '@/lib/csv/to-csv'
import { prisma } from '@/lib/db'
import { apiHandler } from '@/lib/http/api-handler'
import { listTeams } from '@/lib/teams/list-teams'
import { maskSecrets } from '@/components/settings/mask-url'
import { loadAudit, parseAuditFilter } from '@/lib/audit/load-audit'
import { toUtcDay } from '@/lib/time/utc-days'

export const dynamic = 'force-dynamic'

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(maskSecrets(v)))

// The audit table as shown (same filters, the newest 100), for admin and finance.
export const GET = apiHandler(async (req: Request) => {
  assertPermission(sessionUserOrThrow(await auth()), 'audit:read')
  const teams = await listTeams(prisma)
  const { filter } = parseAuditFilter(Object.fromEntries(new URL(req.url).searchParams), new Map(teams.map((t) => [t.slug, t.id])))
  const rows = await loadAudit(filter)
  const slugById = new Map(teams.map((t) => [t.id, t.slug]))
  return csvResponse(
    `modelledger-audit-${toUtcDay(new Date())}.csv`,
    ['id', 'created_at', 'actor', 'action', 'entity_type', 'entity_id', 'team', 'before', 'after'],
    rows.map((r) => [r.id, r.createdAt.toISOString(), r.actor, r.action, r.entityType, r.entityId, r.teamId === null ? null : (slugById.get(r.teamId) ?? r.teamId), json(r.before), json(r.after)]),
  )
})
