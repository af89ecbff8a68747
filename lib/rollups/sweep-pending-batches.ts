import type pg from 'pg'
import { applyBatchRollup } from './apply-batch-rollup'

/**
 * Applies batches that were stored but never rolled up (Redis was down at ingest, a job was lost).
 * Safe to run beside the rollup queue: applyBatchRollup is exactly-once per batch.
 */
export async function sweepPendingBatches(
  pool: pg.Pool,
  opts: { olderThanSeconds?: number; limit?: number } = {},
): Promise<{ applied: number; seen: number }> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id::text FROM ingest_batches
      WHERE rolled_up_at IS NULL AND received_at < now() - make_interval(secs => $1)
      ORDER BY id LIMIT $2`,
    [opts.olderThanSeconds ?? 10, opts.limit ?? 500],
  )
  let applied = 0
  for (const { id } of rows) {
    if ((await applyBatchRollup(pool, id)).applied) applied++
  }
  return { applied, seen: rows.length }
}
