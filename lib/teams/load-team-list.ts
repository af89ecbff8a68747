import { pool, prisma } from '@/lib/db'
import type { BudgetStatus } from '@/lib/budgets/get-budget-status'
import { listBudgetStatuses } from '@/lib/reports/list-budget-statuses'
import { utcMonthOf } from '@/lib/time/utc-days'
import { countTeamAlertsSince } from '@/lib/teams/list-team-alerts'
import { listTeams, type TeamSummary } from '@/lib/teams/list-teams'

export type TeamListRow = TeamSummary & { budget: BudgetStatus | null; alertsThisMonth: number }

/** Every team with its month-to-date budget status and this month's alert count (page and CSV). */
export async function loadTeamList(now: Date): Promise<{ rows: TeamListRow[]; month: string; forecastMethod: string }> {
  const month = utcMonthOf(now)
  const [teams, budgets, alerts] = await Promise.all([
    listTeams(prisma),
    listBudgetStatuses(pool, 'all', now),
    countTeamAlertsSince(pool, new Date(`${month.firstDay}T00:00:00Z`)),
  ])
  const byTeam = new Map(budgets.statuses.map((s) => [s.teamId, s]))
  const rows = teams.map((t) => ({ ...t, budget: byTeam.get(t.id) ?? null, alertsThisMonth: alerts.get(t.id) ?? 0 }))
  return { rows, month: month.month, forecastMethod: budgets.forecastMethod }
}
