import Decimal from 'decimal.js'
import type pg from 'pg'
import { clampToRetainedEvents } from '@/lib/partitions/clamp-to-retained-events'
import { aggregateEventsSql, bucketColumn, measureColumns, rollupTable, type RollupGrain } from './rollup-sql'
import { rebuildRollups, widenToDays, type RollupWindow } from './rebuild-rollups'

export type RollupDifference = {
  grain: RollupGrain
  teamId: number
  bucket: string
  modelKey: string
  column: string
  rollup: string
  raw: string
}

const appliedOnly = 'AND EXISTS (SELECT 1 FROM ingest_batches b WHERE b.id = e.batch_id AND b.rolled_up_at IS NOT NULL)'

/** Compares rollups with a GROUP BY over raw events of applied batches in the window (whole UTC days). */
export async function findRollupDifferences(pool: pg.Pool, window: RollupWindow): Promise<RollupDifference[]> {
  // Months whose raw events retention dropped have nothing to compare with: their rollups are the record.
  const { from, to } = await clampToRetainedEvents(pool, widenToDays(window))
  const out: RollupDifference[] = []
  if (from >= to) return out
  const teamFilter = window.teamIds?.length ? ' AND team_id = ANY($3::int[])' : ''
  const params: unknown[] = [from, to]
  if (window.teamIds?.length) params.push(window.teamIds)
  for (const grain of ['hourly', 'daily'] as const) {
    const col = bucketColumn[grain]
    const range = grain === 'daily' ? `${col} >= $1::date AND ${col} < $2::date` : `${col} >= $1 AND ${col} < $2`
    const raw = aggregateEventsSql(grain, `e.ts >= $1 AND e.ts < $2${teamFilter.replace('team_id', 'e.team_id')} ${appliedOnly}`)
    const diffs = measureColumns.map((c) => `r.${c} IS DISTINCT FROM a.${c}`).join(' OR ')
    const { rows } = await pool.query(
      `WITH a AS (${raw}),
            r AS (SELECT * FROM ${rollupTable[grain]} WHERE ${range}${teamFilter})
       SELECT coalesce(r.team_id, a.team_id) AS team_id, coalesce(r.${col}, a.${col})::text AS bucket,
              coalesce(r.model_key, a.model_key) AS model_key,
              ${measureColumns.map((c) => `coalesce(r.${c}, 0)::text AS r_${c}, coalesce(a.${c}, 0)::text AS a_${c}`).join(', ')}
         FROM r FULL OUTER JOIN a ON r.team_id = a.team_id AND r.${col} = a.${col} AND r.model_key = a.model_key
        WHERE r.team_id IS NULL OR a.team_id IS NULL OR ${diffs}`,
      params,
    )
    for (const row of rows) {
      for (const c of measureColumns) {
        const rv = row[`r_${c}`] as string
        const av = row[`a_${c}`] as string
        if (!numericEqual(rv, av)) {
          out.push({ grain, teamId: row.team_id, bucket: row.bucket, modelKey: row.model_key, column: c, rollup: rv, raw: av })
        }
      }
    }
  }
  return out
}

function numericEqual(a: string, b: string): boolean {
  return a === b || new Decimal(a).eq(b)
}

/** Reports differences, then repairs the window by rebuilding it when any were found. */
export async function reconcileRollups(
  pool: pg.Pool,
  window: RollupWindow,
  opts: { repair: boolean } = { repair: true },
): Promise<{ differences: RollupDifference[]; repaired: boolean }> {
  const differences = await findRollupDifferences(pool, window)
  if (differences.length > 0 && opts.repair) {
    await rebuildRollups(pool, window)
    return { differences, repaired: true }
  }
  return { differences, repaired: false }
}
