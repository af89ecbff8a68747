import type { SqlClient } from '@/lib/db'

export type UsageEventPartition = {
  name: string
  /** Range bounds; null for a partition whose bound is not a plain FROM (…) TO (…) (made by hand). */
  from: Date | null
  to: Date | null
  /** Left half-detached by an interrupted DETACH … CONCURRENTLY. */
  detachPending: boolean
  /** The planner's estimate (-1 = never analysed), and the size with indexes. */
  estimatedRows: number
  bytes: number
}

// The bound expression renders its literals with their UTC offset, so casting them back is exact in any
// session time zone.
const SQL = `
  SELECT name, m[1]::timestamptz AS from_ts, m[2]::timestamptz AS to_ts, detach_pending, estimated_rows, bytes
    FROM (SELECT c.relname::text AS name, i.inhdetachpending AS detach_pending,
                 c.reltuples::float8 AS estimated_rows, pg_total_relation_size(c.oid)::float8 AS bytes,
                 regexp_match(pg_get_expr(c.relpartbound, c.oid), $re$FROM \\('([^']+)'\\) TO \\('([^']+)'\\)$re$) AS m
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           WHERE i.inhparent = 'usage_events'::regclass) p
   ORDER BY from_ts NULLS FIRST, name`

/** Every partition of usage_events, oldest first. */
export async function listUsageEventPartitions(db: SqlClient): Promise<UsageEventPartition[]> {
  const { rows } = await db.query<{ name: string; from_ts: Date | null; to_ts: Date | null; detach_pending: boolean; estimated_rows: number; bytes: number }>(SQL)
  return rows.map((r) => ({
    name: r.name,
    from: r.from_ts,
    to: r.to_ts,
    detachPending: r.detach_pending,
    estimatedRows: r.estimated_rows,
    bytes: r.bytes,
  }))
}
