import { auth } from '@/auth'
import { assertPermission, sessionUserOrThrow } from '@/lib/auth/session-user'
import { csvResponse } from '@/lib/csv/to-csv'
import { apiHandler } from '@/lib/http/api-handler'
import { loadTeamList } from '@/lib/teams/load-team-list'

export const dynamic = 'force-dynamic'

// The Teams table: only for roles that read every team (the list itself is theirs alone).
export const GET = apiHandler(async () => {
  assertPermission(sessionUserOrThrow(await auth()), 'teams:read:all')
  const { rows, month } = await loadTeamList(new Date())
  return csvResponse(
    `modelledger-teams-${month}.csv`,
    ['team', 'name', 'month', 'spent_usd', 'budget_usd', 'budget_percent', 'forecast_usd', 'unpriced_calls', 'alerts_this_month', 'members', 'active_keys'],
    rows.map((t) => [
      t.slug, t.name, month, t.budget?.spent ?? null, t.budget?.budget ?? null, t.budget?.percent ?? null, t.budget?.forecast ?? null,
      t.budget?.unpricedCalls ?? null, t.alertsThisMonth, t.users, t.activeKeys,
    ]),
  )
})
