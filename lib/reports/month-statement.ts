import type pg from 'pg'
import type { SqlClient } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { Decimal } from '@/lib/pricing/decimal'
import { toUtcDay } from '@/lib/time/utc-days'

// A team's monthly statement, computed from rollups_daily (never raw events). Money is exact decimal
// strings so a frozen statement stored as JSON reads back digit for digit.

export type StatementCounts = {
  calls: number
  inputTokens: number
  cacheReadTokens: number
  cacheWriteTokens: number
  outputTokens: number
  reasoningTokens: number
  unpricedCalls: number
  /** USD, exact */
  cost: string
}

export type StatementLine = StatementCounts & { modelKey: string; modelId: number | null }

export type Statement = {
  month: string
  team: { id: number; slug: string; name: string }
  currency: 'USD'
  models: StatementLine[]
  totals: StatementCounts
  /** The team's monthly budget from its policy in force when computed; null = no budget. */
  budget: string | null
  /** totals.cost ÷ budget × 100, 2 decimals; null without a budget. */
  budgetUsedPercent: string | null
}

export type TeamMonthStatement = {
  teamId: number
  teamSlug: string
  closed: boolean
  closedAt: Date | null
  /** The frozen statement when closed, the live one otherwise. */
  statement: Statement
  /** Live totals from the rollups now (equal to statement.totals while the month is open). */
  live: StatementCounts
  /** Closed months only: live − frozen (a re-price or late events after the close). */
  adjustment: { cost: string; calls: number; unpricedCalls: number } | null
}

export type MonthStatement = { month: string; closed: boolean; teams: TeamMonthStatement[] }

/** Runs one SQL statement; lets the same query serve a pg pool and a Prisma transaction. */
export type SqlRunner = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>

export const poolRunner = (pool: SqlClient): SqlRunner => async (text, params) => (await pool.query(text, params)).rows

/** 'YYYY-MM' → its UTC bounds as 'YYYY-MM-DD' strings [from, to). */
export function parseMonth(month: string): { from: string; to: string } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month)
  if (!m) throw new AppError('invalid', `month must be YYYY-MM (got '${month}')`)
  const year = Number(m[1])
  // PostgreSQL has no year 0, Date.UTC reads years 0-99 as 1900-1999, and 9999-12 would end in year 10000.
  if (year < 1970 || year > 9998) throw new AppError('invalid', `month must be between 1970-01 and 9998-12 (got '${month}')`)
  const index = Number(m[2]) - 1
  const next = new Date(Date.UTC(year, index + 1, 1))
  return { from: `${month}-01`, to: toUtcDay(next) }
}

export function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7)
}

const counts = (r: Record<string, unknown>): StatementCounts => ({
  calls: Number(r.calls),
  inputTokens: Number(r.input_tokens),
  cacheReadTokens: Number(r.cache_read_tokens),
  cacheWriteTokens: Number(r.cache_write_tokens),
  outputTokens: Number(r.output_tokens),
  reasoningTokens: Number(r.reasoning_tokens),
  unpricedCalls: Number(r.unpriced_calls),
  cost: new Decimal(String(r.cost)).toFixed(),
})

const sums = `coalesce(sum(r.calls), 0)::text AS calls, coalesce(sum(r.input_tokens), 0)::text AS input_tokens,
  coalesce(sum(r.cache_read_tokens), 0)::text AS cache_read_tokens, coalesce(sum(r.cache_write_tokens), 0)::text AS cache_write_tokens,
  coalesce(sum(r.output_tokens), 0)::text AS output_tokens, coalesce(sum(r.reasoning_tokens), 0)::text AS reasoning_tokens,
  coalesce(sum(r.unpriced_calls), 0)::text AS unpriced_calls, coalesce(sum(r.cost), 0)::text AS cost`

/**
 * Live statements for `teamIds` (every team when omitted) from rollups_daily. Every requested team gets
 * a statement, an idle one with zeros.
 */
export async function computeMonthStatements(run: SqlRunner, month: string, teamIds?: readonly number[]): Promise<Statement[]> {
  const { from, to } = parseMonth(month)
  const ids = teamIds ? [...teamIds] : null
  const teams = await run(
    `SELECT t.id, t.slug, t.name, p.monthly_budget::text AS budget
       FROM teams t
       LEFT JOIN LATERAL (SELECT monthly_budget FROM team_policies WHERE team_id = t.id ORDER BY version DESC LIMIT 1) p ON true
      WHERE $1::int[] IS NULL OR t.id = ANY($1::int[])
      ORDER BY t.slug`,
    [ids],
  )
  const lines = await run(
    `SELECT r.team_id, r.model_key, max(r.model_id) AS model_id, ${sums}
       FROM rollups_daily r
      WHERE r.day >= $1::date AND r.day < $2::date AND ($3::int[] IS NULL OR r.team_id = ANY($3::int[]))
      GROUP BY r.team_id, r.model_key
      ORDER BY r.team_id, sum(r.cost) DESC, r.model_key`,
    [from, to, ids],
  )
  const byTeam = new Map<number, StatementLine[]>()
  for (const l of lines) {
    const list = byTeam.get(Number(l.team_id)) ?? []
    list.push({ modelKey: String(l.model_key), modelId: l.model_id === null ? null : Number(l.model_id), ...counts(l) })
    byTeam.set(Number(l.team_id), list)
  }
  return teams.map((t) => {
    const models = byTeam.get(Number(t.id)) ?? []
    const totals = sumCounts(models)
    const budget = t.budget === null ? null : new Decimal(String(t.budget))
    return {
      month,
      team: { id: Number(t.id), slug: String(t.slug), name: String(t.name) },
      currency: 'USD',
      models,
      totals,
      budget: budget?.toFixed() ?? null,
      budgetUsedPercent: budget && budget.gt(0) ? new Decimal(totals.cost).dividedBy(budget).times(100).toFixed(2) : null,
    }
  })
}

function sumCounts(lines: readonly StatementCounts[]): StatementCounts {
  const out: StatementCounts = { calls: 0, inputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 0, reasoningTokens: 0, unpricedCalls: 0, cost: '0' }
  let cost = new Decimal(0)
  for (const l of lines) {
    out.calls += l.calls
    out.inputTokens += l.inputTokens
    out.cacheReadTokens += l.cacheReadTokens
    out.cacheWriteTokens += l.cacheWriteTokens
    out.outputTokens += l.outputTokens
    out.reasoningTokens += l.reasoningTokens
    out.unpricedCalls += l.unpricedCalls
    cost = cost.plus(l.cost)
  }
  out.cost = cost.toFixed()
  return out
}

/**
 * A month's statement per team: frozen numbers for teams whose month is closed, plus the adjustment
 * (live rollups − frozen) that re-pricing or late events caused since; live numbers for open ones.
 * Without teamIds: every team with a close or any spend in the month.
 */
export async function getMonthStatement(pool: pg.Pool, input: { month: string; teamIds?: readonly number[] }): Promise<MonthStatement> {
  const { from, to } = parseMonth(input.month)
  let teamIds = input.teamIds ? [...input.teamIds] : undefined
  if (!teamIds) {
    const { rows } = await pool.query<{ team_id: number }>(
      `SELECT team_id FROM month_closes WHERE month = $1
        UNION SELECT DISTINCT team_id FROM rollups_daily WHERE day >= $2::date AND day < $3::date`,
      [input.month, from, to],
    )
    teamIds = rows.map((r) => r.team_id)
  }
  if (teamIds.length === 0) return { month: input.month, closed: false, teams: [] }
  const live = await computeMonthStatements(poolRunner(pool), input.month, teamIds)
  const { rows: closes } = await pool.query<{ team_id: number; statement: Statement; closed_at: Date }>(
    'SELECT team_id, statement, closed_at FROM month_closes WHERE month = $1 AND team_id = ANY($2::int[])',
    [input.month, teamIds],
  )
  const closeByTeam = new Map(closes.map((c) => [c.team_id, c]))
  const teams = live.map((s): TeamMonthStatement => {
    const close = closeByTeam.get(s.team.id)
    if (!close) return { teamId: s.team.id, teamSlug: s.team.slug, closed: false, closedAt: null, statement: s, live: s.totals, adjustment: null }
    const frozen = close.statement.totals
    return {
      teamId: s.team.id,
      teamSlug: s.team.slug,
      closed: true,
      closedAt: close.closed_at,
      statement: close.statement,
      live: s.totals,
      adjustment: {
        cost: new Decimal(s.totals.cost).minus(frozen.cost).toFixed(),
        calls: s.totals.calls - frozen.calls,
        unpricedCalls: s.totals.unpricedCalls - frozen.unpricedCalls,
      },
    }
  })
  return { month: input.month, closed: teams.every((t) => t.closed), teams }
}
