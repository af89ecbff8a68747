import type pg from 'pg'
import { inTransaction } from '@/lib/db'
import { clampToRetainedEvents } from '@/lib/partitions/clamp-to-retained-events'
import { bucketRangeSql, dailyFromProfileSql, rollupGrains, rollupTable, upsertRollupSql } from './rollup-sql'

export type RollupWindow = { from: Date; to: Date; teamIds?: readonly number[] }

/** Bounds widened to whole days so hourly and daily rows are rebuilt over the same events. */
export function widenToDays(w: RollupWindow): { from: Date; to: Date } {
  const from = new Date(Date.UTC(w.from.getUTCFullYear(), w.from.getUTCMonth(), w.from.getUTCDate()))
  const endDay = new Date(Date.UTC(w.to.getUTCFullYear(), w.to.getUTCMonth(), w.to.getUTCDate()))
  const to = endDay.getTime() === w.to.getTime() ? endDay : new Date(endDay.getTime() + 86_400_000)
  return { from, to }
}

export const appliedBatchesOnly = 'EXISTS (SELECT 1 FROM ingest_batches b WHERE b.id = e.batch_id AND b.rolled_up_at IS NOT NULL)'

/**
 * Takes the lock every rollup rebuild holds until its transaction ends. It blocks concurrent batch
 * appliers: an applier that committed is fully visible to the rebuild, one still running commits after
 * it and adds only its own (not yet counted) batch.
 */
export async function lockRollups(client: pg.PoolClient): Promise<void> {
  await client.query(`LOCK TABLE ${rollupGrains.map((g) => rollupTable[g]).join(', ')} IN SHARE ROW EXCLUSIVE MODE`)
}

/**
 * Replaces every rollup row of [from, to) (whole UTC days, ISO strings), for the given teams or all, with
 * the aggregate of the raw events of applied batches. Runs inside the caller's transaction, after lockRollups.
 */
export async function replaceRollupDays(client: pg.PoolClient, from: string, to: string, teamIds?: readonly number[]): Promise<void> {
  const params: unknown[] = [from, to]
  if (teamIds?.length) params.push(teamIds)
  const teams = teamIds?.length ? ' AND team_id = ANY($3::int[])' : ''
  for (const grain of rollupGrains) await client.query(`DELETE FROM ${rollupTable[grain]} WHERE ${bucketRangeSql(grain, '$1', '$2')}${teams}`, params)
  // Two passes over the raw events (hourly, profile); the daily rows are sums of the profile rows.
  for (const grain of ['hourly', 'profile'] as const) {
    await client.query(upsertRollupSql(grain, `e.ts >= $1 AND e.ts < $2${teams.replace('team_id', 'e.team_id')} AND ${appliedBatchesOnly}`), params)
  }
  await client.query(dailyFromProfileSql(`${bucketRangeSql('profile', '$1', '$2', 'p')}${teams.replace('team_id', 'p.team_id')}`), params)
}

/** Recomputes rollups for [from, to) (whole UTC days) from raw events of batches already applied. */
export async function rebuildRollups(pool: pg.Pool, window: RollupWindow): Promise<void> {
  // Never over months whose raw events retention dropped: that would turn their spend history into zero.
  const { from, to } = await clampToRetainedEvents(pool, widenToDays(window))
  if (from >= to) return
  await inTransaction(pool, async (client) => {
    await lockRollups(client)
    await replaceRollupDays(client, from.toISOString(), to.toISOString(), window.teamIds)
  })
}
