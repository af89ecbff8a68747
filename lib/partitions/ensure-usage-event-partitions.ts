import type { SqlClient } from '@/lib/db'
import { toUtcDay } from '@/lib/time/utc-days'

/**
 * Creates the monthly partitions of usage_events from `from`'s month to `to`'s month (inclusive) that do
 * not exist yet, through the SQL function of the same name (idempotent, serialised, never blocks ingest).
 * Returns the names it created.
 */
export async function ensureUsageEventPartitions(db: SqlClient, from: Date, to: Date): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>('SELECT name FROM ensure_usage_event_partitions($1::date, $2::date) AS name', [
    toUtcDay(from),
    toUtcDay(to),
  ])
  return rows.map((r) => r.name)
}

/** PostgreSQL's "no partition of relation … found for row" (SQLSTATE 23514): a month without a partition. */
export function isMissingPartitionError(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null
  return e?.code === '23514' && typeof e.message === 'string' && e.message.startsWith('no partition of relation')
}
