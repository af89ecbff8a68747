import { auth } from '@/auth'
import { assertPermission, sessionUserOrThrow } from '@/lib/auth/session-user'
import { csvResponse } from '@/lib/csv/to-csv'
import { pool } from '@/lib/db'
import { apiKeyReadAccess } from '@/lib/http/api-key-read-access'
import { apiHandler } from '@/lib/http/api-handler'
import { focusColumns, previousMonth } from '@/lib/reports/focus-export'
import { parseMonth } from '@/lib/reports/month-statement'
import { queryFocusRows } from '@/lib/reports/query-focus-rows'
import { resolveSpendTeams, type SpendAccess } from '@/lib/reports/resolve-spend-teams'

export const dynamic = 'force-dynamic'

// GET /api/v1/exports/focus?month=YYYY-MM[&team=slug,…] → FOCUS 1.2 CSV, one row per day × team × model ×
// token bucket (× price version when a day mixes them). Who sees what: finance/admin sessions
// (reports:read + reports:export) and org keys (spend:read:all) every team; a team key (spend:read)
// only its own team, whatever it asks for.

async function sessionAccess(): Promise<SpendAccess> {
  const user = sessionUserOrThrow(await auth())
  assertPermission(user, 'reports:read')
  assertPermission(user, 'reports:export')
  return { kind: 'all' }
}

export const GET = apiHandler(async (req: Request) => {
  const access = req.headers.has('authorization') ? await apiKeyReadAccess(req) : await sessionAccess()
  const params = new URL(req.url).searchParams
  const month = params.get('month') || previousMonth(new Date())
  parseMonth(month)
  const slugs = (params.get('team') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const teams = await resolveSpendTeams(pool, access, slugs)
  const rows = await queryFocusRows(pool, { month, teamIds: teams === 'all' ? null : teams })
  const scope = access.kind === 'team' || slugs.length > 0 ? `-${teams === 'all' ? 'all' : teams.join('-')}` : ''
  return csvResponse(
    `modelledger-focus-1.2-${month}${scope}.csv`,
    focusColumns,
    rows.map((r) => focusColumns.map((c) => r[c])),
  )
})
