import type pg from 'pg'
import { lockRollups, replaceRollupDays } from '@/lib/rollups/rebuild-rollups'

/** A team's UTC day, as 'YYYY-MM-DD'. */
export type TeamDay = { teamId: number; day: string }

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
  await lockRollups(client)
  for (const [day, teams] of [...byDay].sort(([a], [b]) => a.localeCompare(b))) {
    // ISO strings, not Dates: node-pg renders a Date in the process's time zone, and `::date` would keep its local day.
    const from = new Date(`${day}T00:00:00Z`)
    await replaceRollupDays(client, from.toISOString(), new Date(from.getTime() + 86_400_000).toISOString(), [...teams])
  }
  return byDay.size
}
