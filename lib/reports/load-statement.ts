import { pool, prisma } from '@/lib/db'
import { getMonthStatement, type MonthStatement, type TeamMonthStatement } from '@/lib/reports/month-statement'
import { Decimal } from '@/lib/pricing/decimal'

// The month's statement (frozen numbers for closed teams, live for open ones) plus who closed each
// team's month and the month-wide totals: the page and its CSV read the same thing.

export type TeamStatementView = TeamMonthStatement & { closedBy: string | null }

export type StatementView = {
  month: string
  teams: TeamStatementView[]
  allClosed: boolean
  anyClosed: boolean
  totals: { cost: string; calls: number; unpricedCalls: number; adjustment: string; liveCost: string }
}

export async function loadStatement(month: string): Promise<StatementView> {
  const statement: MonthStatement = await getMonthStatement(pool, { month })
  const closes = await prisma.monthClose.findMany({ where: { month }, select: { teamId: true, closedById: true } })
  const userIds = [...new Set(closes.map((c) => c.closedById).filter((id): id is number => id !== null))]
  const users = userIds.length ? await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : []
  const emailById = new Map(users.map((u) => [u.id, u.email]))
  const closedByTeam = new Map(closes.map((c) => [c.teamId, c.closedById === null ? 'cli / system' : (emailById.get(c.closedById) ?? `user #${c.closedById}`)]))

  let cost = new Decimal(0)
  let adjustment = new Decimal(0)
  let calls = 0
  let unpricedCalls = 0
  for (const t of statement.teams) {
    cost = cost.plus(t.statement.totals.cost)
    calls += t.statement.totals.calls
    unpricedCalls += t.statement.totals.unpricedCalls
    if (t.adjustment) adjustment = adjustment.plus(t.adjustment.cost)
  }
  return {
    month,
    teams: statement.teams.map((t) => ({ ...t, closedBy: t.closed ? (closedByTeam.get(t.teamId) ?? null) : null })),
    allClosed: statement.teams.length > 0 && statement.teams.every((t) => t.closed),
    anyClosed: statement.teams.some((t) => t.closed),
    totals: { cost: cost.toFixed(), calls, unpricedCalls, adjustment: adjustment.toFixed(), liveCost: cost.plus(adjustment).toFixed() },
  }
}
