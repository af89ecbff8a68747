import { auth } from '@/auth'
import { listApiKeys } from '@/lib/auth/api-keys'
import { canActOnTeam, sessionUserOrThrow } from '@/lib/auth/session-user'
import { csvResponse } from '@/lib/csv/to-csv'
import { pool, prisma } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { apiHandler } from '@/lib/http/api-handler'
import { listTeamPolicyVersions } from '@/lib/policy/list-team-policy-versions'
import { querySpend } from '@/lib/reports/query-spend'
import { toUtcDay } from '@/lib/time/utc-days'
import { diffPolicyVersions } from '@/lib/teams/diff-policy-versions'
import { findVisibleTeam } from '@/lib/teams/find-visible-team'
import { listFlaggedCalls, teamPageWindow } from '@/lib/teams/list-flagged-calls'
import { listTeamAlerts } from '@/lib/teams/list-team-alerts'

export const dynamic = 'force-dynamic'

const tables = ['daily', 'alerts', 'flagged', 'policy', 'keys'] as const
type Table = (typeof tables)[number]

// The rows behind each table on the team page, behind the same tenant wall as the page.
export const GET = apiHandler(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const user = sessionUserOrThrow(await auth())
  const found = await findVisibleTeam(prisma, user, (await ctx.params).slug)
  if (found.kind === 'not_found') throw new AppError('not_found', 'no such team')
  if (found.kind === 'forbidden') throw new AppError('forbidden', 'you may not read this team')
  const team = found.team
  const table = (new URL(req.url).searchParams.get('table') ?? 'flagged') as Table
  if (!tables.includes(table)) throw new AppError('invalid', `unknown table '${table}' (allowed: ${tables.join(', ')})`)
  const now = new Date()
  const file = `modelledger-${team.slug}-${table}-${toUtcDay(now)}.csv`

  switch (table) {
    case 'daily': {
      const report = await querySpend(pool, { ...teamPageWindow(now), teamIds: [team.id], groupBy: ['day', 'model'] })
      return csvResponse(
        file,
        ['day', 'model', 'calls', 'cost_usd', 'unpriced_calls', 'flagged_calls', 'potential_saving_usd'],
        report.rows.map((r) => [r.day, r.model, r.calls, r.cost_usd, r.unpriced_calls, r.flagged_calls, r.potential_saving_usd]),
      )
    }
    case 'alerts': {
      const alerts = await listTeamAlerts(prisma, team.id, { limit: 50 })
      return csvResponse(
        file,
        ['created_at', 'kind', 'message', 'delivered_at', 'attempts'],
        alerts.map((a) => [a.createdAt.toISOString(), a.kind, a.message, a.deliveredAt?.toISOString() ?? null, a.attempts]),
      )
    }
    case 'flagged': {
      const calls = await listFlaggedCalls(pool, team.id, now)
      return csvResponse(
        file,
        ['ts', 'event_id', 'model', 'task', 'rule', 'severity', 'suggested_model', 'estimated_saving_usd', 'cost_usd', 'reported_cost_usd'],
        calls.map((c) => [c.ts.toISOString(), c.eventId, c.model, c.task, c.rule, c.severity, c.suggestedModel, c.estimatedSaving, c.cost, c.reportedCost]),
      )
    }
    case 'policy': {
      if (!canActOnTeam(user, 'policy', team.id)) throw new AppError('forbidden', "you may not read this team's policy")
      const versions = await listTeamPolicyVersions(prisma, team.id, { limit: 1000 })
      return csvResponse(
        file,
        ['version', 'created_at', 'created_by_id', 'changes'],
        versions.map((v, i) => [
          v.version,
          v.createdAt,
          v.createdById,
          diffPolicyVersions(versions[i + 1] ?? null, v)
            .map((c) => `${c.field}: ${c.before} -> ${c.after}`)
            .join('; '),
        ]),
      )
    }
    case 'keys': {
      const keys = await listApiKeys(prisma, team.id)
      return csvResponse(
        file,
        ['name', 'prefix', 'scopes', 'created_at', 'last_used_at', 'revoked_at'],
        keys.map((k) => [k.name, k.prefix, k.scopes.join(' '), k.createdAt.toISOString(), k.lastUsedAt?.toISOString() ?? null, k.revokedAt?.toISOString() ?? null]),
      )
    }
  }
})
