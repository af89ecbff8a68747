import type pg from 'pg'
import { daysWithPriceChangeSql } from '@/lib/pricing/cost-sql'
import { toUtcDay } from '@/lib/time/utc-days'

// Which part of a time window the profile rollup (rollups_profile_daily) can answer, and which part must
// be read from raw events: the partial days at its edges, and the days a price version starts or ends
// inside (there a model's price changes between two events of the same day, so a day's summed tokens
// cannot be priced at one version).

const DAY_MS = 86_400_000

export type ProfileWindow = {
  /** Whole UTC days [fromDay, toDay) read from the rollup, except `rawDays`. 'YYYY-MM-DD'. */
  fromDay: string
  toDay: string
  rawDays: string[]
  /** Instant ranges [from, to) read from raw events (ISO strings): the edges and the raw days. */
  rawFrom: string[]
  rawTo: string[]
}

const startOfDay = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()))

export async function profileWindow(db: pg.Pool, from: Date, to: Date): Promise<ProfileWindow> {
  const firstWhole = startOfDay(from).getTime() === from.getTime() ? from : new Date(startOfDay(from).getTime() + DAY_MS)
  const endWhole = startOfDay(to)
  const ranges: [Date, Date][] = []
  if (firstWhole >= endWhole) {
    if (from < to) ranges.push([from, to])
    return toWindow(toUtcDay(firstWhole), toUtcDay(firstWhole), [], ranges)
  }
  const { rows } = await db.query<{ day: string }>(`SELECT day::text FROM (${daysWithPriceChangeSql('$1::date', '$2::date')}) d ORDER BY day`, [
    toUtcDay(firstWhole),
    toUtcDay(endWhole),
  ])
  const rawDays = rows.map((r) => r.day)
  if (from < firstWhole) ranges.push([from, firstWhole])
  for (const day of rawDays) {
    const start = new Date(`${day}T00:00:00Z`)
    ranges.push([start, new Date(start.getTime() + DAY_MS)])
  }
  if (endWhole < to) ranges.push([endWhole, to])
  return toWindow(toUtcDay(firstWhole), toUtcDay(endWhole), rawDays, ranges)
}

function toWindow(fromDay: string, toDay: string, rawDays: string[], ranges: [Date, Date][]): ProfileWindow {
  return { fromDay, toDay, rawDays, rawFrom: ranges.map(([f]) => f.toISOString()), rawTo: ranges.map(([, t]) => t.toISOString()) }
}

/**
 * SQL pieces over a ProfileWindow passed as five consecutive parameters starting at $n:
 * $n fromDay, $n+1 toDay, $n+2 rawDays, $n+3 rawFrom, $n+4 rawTo.
 */
export function profileWindowSql(n: number): { rollupDays: (alias: string) => string; rawEvents: string } {
  return {
    rollupDays: (p) => `${p}.day >= $${n}::date AND ${p}.day < $${n + 1}::date AND ${p}.day <> ALL($${n + 2}::date[])`,
    // One index range per raw range (a nested loop over a handful of ranges), each pruned to its month.
    rawEvents: `unnest($${n + 3}::timestamptz[], $${n + 4}::timestamptz[]) AS raw_range(lo, hi)
      JOIN usage_events e ON e.ts >= raw_range.lo AND e.ts < raw_range.hi`,
  }
}

export const profileWindowParams = (w: ProfileWindow): unknown[] => [w.fromDay, w.toDay, w.rawDays, w.rawFrom, w.rawTo]
