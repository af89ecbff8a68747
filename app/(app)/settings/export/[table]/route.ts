import { auth } from '@/auth'
import { listApiKeys } from '@/lib/auth/api-keys'
import { assertPermission, sessionUserOrThrow } from '@/lib/auth/session-user'
import { csvResponse } from '@/lib/csv/to-csv'
import { prisma } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { apiHandler } from '@/lib/http/api-handler'
import { listTeams } from '@/lib/teams/list-teams'
import { listUsers } from '@/lib/users/list-users'
import { maskUrl } from '@/components/settings/mask-url'
import { loadRecentAlerts, parseAlertsFilter } from '@/lib/alerts/load-recent-alerts'
import { loadTeamPolicies } from '@/lib/policy/load-team-policy-summaries'
import { loadUserEmails } from '@/lib/users/load-user-emails'
import { parseUsersFilter } from '../../users-filter'
import { toUtcDay } from '@/lib/time/utc-days'

export const dynamic = 'force-dynamic'

const iso = (d: Date | null) => d?.toISOString() ?? null

// The settings tables as CSV, with the same URL filters as the pages. Admin only, checked here too.
export const GET = apiHandler(async (req: Request, ctx: { params: Promise<{ table: string }> }) => {
  assertPermission(sessionUserOrThrow(await auth()), 'settings:manage')
  const { table } = await ctx.params
  const sp = Object.fromEntries(new URL(req.url).searchParams)
  const day = toUtcDay(new Date())
  const teams = await listTeams(prisma)
  const idBySlug = new Map(teams.map((t) => [t.slug, t.id]))

  switch (table) {
    case 'users': {
      const users = await listUsers(prisma, parseUsersFilter(sp, idBySlug).filter)
      return csvResponse(
        `modelledger-users-${day}.csv`,
        ['id', 'email', 'name', 'role', 'team', 'created_at', 'disabled_at'],
        users.map((u) => [u.id, u.email, u.name, u.role, u.teamSlug, iso(u.createdAt), iso(u.disabledAt)]),
      )
    }
    case 'teams': {
      const policies = await loadTeamPolicies()
      return csvResponse(
        `modelledger-teams-${day}.csv`,
        ['id', 'slug', 'name', 'users', 'active_keys', 'policy_version', 'monthly_budget_usd', 'created_at'],
        teams.map((t) => {
          const p = policies.get(t.id)
          return [t.id, t.slug, t.name, t.users, t.activeKeys, p?.version ?? null, p?.monthlyBudget ?? null, iso(t.createdAt)]
        }),
      )
    }
    case 'api-keys': {
      const keys = await listApiKeys(prisma, null)
      const emails = await loadUserEmails(keys.map((k) => k.createdById))
      return csvResponse(
        `modelledger-org-keys-${day}.csv`,
        ['prefix', 'name', 'scopes', 'created_at', 'created_by', 'last_used_at', 'revoked_at'],
        keys.map((k) => [k.prefix, k.name, k.scopes.join(' '), iso(k.createdAt), k.createdById === null ? null : (emails.get(k.createdById) ?? k.createdById), iso(k.lastUsedAt), iso(k.revokedAt)]),
      )
    }
    case 'webhooks': {
      const policies = await loadTeamPolicies()
      return csvResponse(
        `modelledger-webhooks-${day}.csv`,
        ['team', 'name', 'webhook_host', 'policy_version'],
        teams.map((t) => {
          const p = policies.get(t.id)
          return [t.slug, t.name, p?.webhookUrl ? maskUrl(p.webhookUrl) : null, p?.version ?? null]
        }),
      )
    }
    case 'alerts': {
      const alerts = await loadRecentAlerts(parseAlertsFilter(sp, idBySlug).filter)
      return csvResponse(
        `modelledger-alerts-${day}.csv`,
        ['id', 'created_at', 'team', 'kind', 'message', 'delivery', 'delivered_at', 'attempts'],
        alerts.map((a) => [a.id, iso(a.createdAt), a.teamSlug, a.kind, a.message, a.status, iso(a.deliveredAt), a.attempts]),
      )
    }
    default:
      throw new AppError('not_found', `no settings table '${table}' (users, teams, api-keys, webhooks, alerts)`)
  }
})
