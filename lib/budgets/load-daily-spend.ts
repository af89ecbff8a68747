import type pg from 'pg'
import { Decimal } from '@/lib/pricing/decimal'

/** teamId → ('YYYY-MM-DD' → spend that UTC day). Days without rollup rows are absent ($0). */
export type DailySpendByTeam = Map<number, Map<string, Decimal>>

/**
 * Spend per team per day from rollups_daily, summed over models. Budgets read the rollups for the
 * period every time, never a running counter, so a reset, a re-price or a late batch is reflected.
 */
export async function loadDailySpend(pool: pg.Pool, range: { from: string; to: string }, teamIds?: readonly number[]): Promise<DailySpendByTeam> {
  const { rows } = await pool.query<{ team_id: number; day: string; cost: string }>(
    `SELECT team_id, to_char(day, 'YYYY-MM-DD') AS day, sum(cost)::text AS cost
       FROM rollups_daily
      WHERE day BETWEEN $1::date AND $2::date AND ($3::int[] IS NULL OR team_id = ANY($3::int[]))
      GROUP BY team_id, day`,
    [range.from, range.to, teamIds ?? null],
  )
  const byTeam: DailySpendByTeam = new Map()
  for (const r of rows) {
    let days = byTeam.get(r.team_id)
    if (!days) byTeam.set(r.team_id, (days = new Map()))
    days.set(r.day, new Decimal(r.cost))
  }
  return byTeam
}
