import pg from 'pg'
import { listUsageEventPartitions, type UsageEventPartition } from './list-usage-event-partitions'
import { addMonthsUtc, USAGE_PARTITION_PATTERN, usageRetentionCutoff } from './usage-partition-months'
import { toUtcDay } from '@/lib/time/utc-days'

export type UsageRetentionResult = {
  /** Events before this instant are past retention. */
  cutoff: Date
  /** Partitions dropped (or, in a dry run, that would be). */
  dropped: UsageEventPartition[]
  /** Idempotency keys with ts before this instant are pruned: never a key whose month still exists. */
  keysCutoff: Date
  /** Keys deleted (or, in a dry run, that would be). */
  keys: number
  dryRun: boolean
}

const KEYS_PER_DELETE = 50_000

/** A partition this job made for one whole UTC month: only such partitions are ever dropped. */
function isMonthPartition(p: UsageEventPartition): boolean {
  const m = USAGE_PARTITION_PATTERN.exec(p.name)
  if (!m || !p.from || !p.to) return false
  const month = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1))
  return p.from.getTime() === month.getTime() && p.to.getTime() === addMonthsUtc(month, 1).getTime()
}

/**
 * Retention for raw usage: drops whole monthly partitions that end at or before the cutoff (see
 * usageRetentionCutoff), then prunes the idempotency keys of the months that are gone. Rollups, ingest
 * batches and month closes are never touched: spend history outlives raw events. Each dropped month is
 * recorded in usage_event_dropped_months, which keeps reconcile from "repairing" its rollups to nothing.
 *
 * A partition is detached CONCURRENTLY (a lock that never blocks ingest or readers) and then dropped;
 * one left half-detached by an interrupted run is finished first. Keys go in bounded deletes, after
 * the partitions, so a key never disappears while its event is still stored.
 */
export async function applyUsageRetention(pool: pg.Pool, opts: { now: Date; months: number; dryRun?: boolean }): Promise<UsageRetentionResult> {
  const cutoff = usageRetentionCutoff(opts.now, opts.months)
  const dryRun = opts.dryRun ?? false
  const before = await listUsageEventPartitions(pool)
  const old = before.filter((p) => isMonthPartition(p) && (p.to as Date).getTime() <= cutoff.getTime())

  if (!dryRun) {
    for (const p of old) {
      const table = pg.escapeIdentifier(p.name)
      // Marked first: from now on reconcile and rebuilds leave this month's rollups alone, even if the drop
      // below is interrupted (the next run finishes it).
      await pool.query(
        `INSERT INTO usage_event_dropped_months (month, partition) VALUES ($1::date, $2) ON CONFLICT (month) DO UPDATE SET dropped_at = now()`,
        [toUtcDay(p.from as Date), p.name],
      )
      if (p.detachPending) await pool.query(`ALTER TABLE usage_events DETACH PARTITION ${table} FINALIZE`)
      else await pool.query(`ALTER TABLE usage_events DETACH PARTITION ${table} CONCURRENTLY`)
      await pool.query(`DROP TABLE ${table}`)
    }
  }

  const dropped = new Set(old.map((p) => p.name))
  const remaining = dryRun ? before.filter((p) => !dropped.has(p.name)) : await listUsageEventPartitions(pool)
  const keysCutoff = oldestStart(remaining, cutoff)
  const keys = dryRun ? await countKeysBefore(pool, keysCutoff) : await deleteKeysBefore(pool, keysCutoff)
  return { cutoff, dropped: old, keysCutoff, keys, dryRun }
}

/** The cutoff, or the start of an older partition still attached (a month re-created by a late backfill). */
function oldestStart(partitions: UsageEventPartition[], cutoff: Date): Date {
  let t = cutoff.getTime()
  for (const p of partitions) t = Math.min(t, p.from?.getTime() ?? Number.NEGATIVE_INFINITY)
  return Number.isFinite(t) ? new Date(t) : new Date(0)
}

async function countKeysBefore(pool: pg.Pool, before: Date): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM usage_event_keys WHERE ts < $1', [before.toISOString()])
  return Number(rows[0]?.n ?? 0)
}

async function deleteKeysBefore(pool: pg.Pool, before: Date): Promise<number> {
  let total = 0
  for (;;) {
    const r = await pool.query(
      `DELETE FROM usage_event_keys
        WHERE ctid = ANY (ARRAY(SELECT ctid FROM usage_event_keys WHERE ts < $1 LIMIT $2))`,
      [before.toISOString(), KEYS_PER_DELETE],
    )
    total += r.rowCount ?? 0
    if ((r.rowCount ?? 0) < KEYS_PER_DELETE) return total
  }
}
