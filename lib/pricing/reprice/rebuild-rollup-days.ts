import type pg from 'pg'
import { bucketColumn, rollupTable, upsertRollupSql, type RollupGrain } from '@/lib/rollups/rollup-sql'

/** A team's UTC day, as 'YYYY-MM-DD'. */
export type TeamDay = { teamId: number; day: string }

const appliedOnly = 'EXISTS (SELECT 1 FROM ingest_batches b WHERE b.id = e.batch_id AND b.rolled_up_at IS NOT NULL)'

/**
 * rebuildRollups for a scattered set of team-days, run INSIDE the caller's transaction so the events'
 * change and the rollups' repair commit together: a crash in between would leave rollups that no later
 * run knows to repair. Uses the same aggregation SQL as every other rollup path.
 */
export async function rebuildRollupDays(client: pg.PoolClient, teamDays: readonly TeamDay[]): Promise<number> {
  const byDay = new Map<string, Set<number>>()
  for (const { teamId, day } of teamDays) {
    const teams = byDay.get(day) ?? new Set<number>()
    teams.add(teamId)
    byDay.set(day, teams)
  }
  if (byDay.size === 0) return 0
  // Same lock as rebuildRollups: batch appliers that committed are visible, running ones finish first.
  await client.query('LOCK TABLE rollups_hourly, rollups_daily IN SHARE ROW EXCLUSIVE MODE')
  for (const [day, teams] of [...byDay].sort(([a], [b]) => a.localeCompare(b))) {
    // ISO strings, not Dates: node-pg renders a Date in the process's time zone, and `::date` would keep its local day.
    const from = new Date(`${day}T00:00:00Z`)
    const params = [from.toISOString(), new Date(from.getTime() + 86_400_000).toISOString(), [...teams]]
    for (const grain of ['hourly', 'daily'] as RollupGrain[]) {
      const col = bucketColumn[grain]
      const range = grain === 'daily' ? `${col} >= $1::date AND ${col} < $2::date` : `${col} >= $1 AND ${col} < $2`
      await client.query(`DELETE FROM ${rollupTable[grain]} WHERE ${range} AND team_id = ANY($3::int[])`, params)
      await client.query(upsertRollupSql(grain, `e.ts >= $1 AND e.ts < $2 AND e.team_id = ANY($3::int[]) AND ${appliedOnly}`), params)
    }
  }
  return byDay.size
}
