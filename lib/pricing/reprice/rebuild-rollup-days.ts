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
  // Consecutive days with the same teams are rebuilt as one range: a statement per grain per range, not
  // per day (a re-price of a whole window touches every team on every day).
  const ranges: { from: number; to: number; teams: number[] }[] = []
  for (const [day, teamSet] of [...byDay].sort(([a], [b]) => a.localeCompare(b))) {
    const from = Date.parse(`${day}T00:00:00Z`)
    const teams = [...teamSet].sort((a, b) => a - b)
    const last = ranges.at(-1)
    if (last && last.to === from && last.teams.join() === teams.join()) last.to = from + 86_400_000
    else ranges.push({ from, to: from + 86_400_000, teams })
  }
  // ISO strings, not Dates: node-pg renders a Date in the process's time zone, and `::date` would keep its local day.
  for (const r of ranges) await replaceRollupDays(client, new Date(r.from).toISOString(), new Date(r.to).toISOString(), r.teams)
  return byDay.size
}
