import type pg from 'pg'
import { clampToRetainedEvents } from '@/lib/partitions/clamp-to-retained-events'
import { bucketColumn, rollupTable, upsertRollupSql, type RollupGrain } from './rollup-sql'

export type RollupWindow = { from: Date; to: Date; teamIds?: readonly number[] }

const grains: RollupGrain[] = ['hourly', 'daily']

/** Bounds widened to whole days so hourly and daily rows are rebuilt over the same events. */
export function widenToDays(w: RollupWindow): { from: Date; to: Date } {
  const from = new Date(Date.UTC(w.from.getUTCFullYear(), w.from.getUTCMonth(), w.from.getUTCDate()))
  const endDay = new Date(Date.UTC(w.to.getUTCFullYear(), w.to.getUTCMonth(), w.to.getUTCDate()))
  const to = endDay.getTime() === w.to.getTime() ? endDay : new Date(endDay.getTime() + 86_400_000)
  return { from, to }
}

/**
 * Recomputes rollups for [from, to) (whole UTC days) from raw events of batches already applied.
 * The table locks block concurrent batch appliers for the duration: an applier that committed is fully
 * visible here, one still running commits after us and adds only its own (not yet counted) batch.
 */
export async function rebuildRollups(pool: pg.Pool, window: RollupWindow): Promise<void> {
  // Never over months whose raw events retention dropped: that would turn their spend history into zero.
  const { from, to } = await clampToRetainedEvents(pool, widenToDays(window))
  if (from >= to) return
  const teamFilter = window.teamIds?.length ? ' AND team_id = ANY($3::int[])' : ''
  const params: unknown[] = [from, to]
  if (window.teamIds?.length) params.push(window.teamIds)
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query('LOCK TABLE rollups_hourly, rollups_daily IN SHARE ROW EXCLUSIVE MODE')
    for (const grain of grains) {
      const col = bucketColumn[grain]
      const range = grain === 'daily' ? `${col} >= $1::date AND ${col} < $2::date` : `${col} >= $1 AND ${col} < $2`
      await client.query(`DELETE FROM ${rollupTable[grain]} WHERE ${range}${teamFilter}`, params)
      await client.query(
        upsertRollupSql(
          grain,
          `e.ts >= $1 AND e.ts < $2${teamFilter.replace('team_id', 'e.team_id')}
           AND EXISTS (SELECT 1 FROM ingest_batches b WHERE b.id = e.batch_id AND b.rolled_up_at IS NOT NULL)`,
        ),
        params,
      )
    }
    await client.query('COMMIT')
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw err
  } finally {
    client.release()
  }
}
