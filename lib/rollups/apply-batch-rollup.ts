import type pg from 'pg'
import { inTransaction } from '@/lib/db'
import { rollupGrains, upsertRollupSql } from './rollup-sql'

export type ApplyBatchResult = { applied: boolean; teamId: number | null }

/**
 * Adds one ingest batch's events to every rollup exactly once.
 * Marking the batch applied happens in the same transaction as the upserts: a retried, duplicated or
 * half-finished job either sees the mark (and does nothing) or rolls back entirely. Concurrent appliers of
 * the same batch serialise on the batch row lock.
 */
export async function applyBatchRollup(pool: pg.Pool, batchId: string | bigint): Promise<ApplyBatchResult> {
  return inTransaction(pool, async (client) => {
    const marked = await client.query<{ team_id: number }>(
      'UPDATE ingest_batches SET rolled_up_at = now() WHERE id = $1 AND rolled_up_at IS NULL RETURNING team_id',
      [String(batchId)],
    )
    const row = marked.rows[0]
    // Already applied: the UPDATE changed nothing, so committing it is the same as rolling back.
    if (!row) return { applied: false, teamId: null }
    for (const grain of rollupGrains) await client.query(upsertRollupSql(grain, 'e.batch_id = $1'), [String(batchId)])
    return { applied: true, teamId: row.team_id }
  })
}
