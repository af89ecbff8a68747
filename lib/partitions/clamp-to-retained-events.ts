import type { SqlClient } from '@/lib/db'

/**
 * The part of [from, to) whose raw events retention has not dropped: it starts no earlier than the end of
 * the newest month in usage_event_dropped_months. Rollups before that are the only record left, so
 * whatever compares them with raw events (reconcile) or recomputes them from raw events (rebuild) must
 * stay out. `from >= to` in the result means nothing of the window is left.
 */
export async function clampToRetainedEvents(db: SqlClient, w: { from: Date; to: Date }): Promise<{ from: Date; to: Date }> {
  const { rows } = await db.query<{ kept_from: Date | null }>(
    `SELECT ((max(month) + interval '1 month')::timestamp AT TIME ZONE 'UTC') AS kept_from FROM usage_event_dropped_months`,
  )
  const keptFrom = rows[0]?.kept_from
  if (!keptFrom || keptFrom.getTime() <= w.from.getTime()) return w
  return { from: keptFrom, to: w.to }
}
