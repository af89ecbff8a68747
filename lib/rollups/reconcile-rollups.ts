import Decimal from 'decimal.js'
import type pg from 'pg'
import { clampToRetainedEvents } from '@/lib/partitions/clamp-to-retained-events'
import { aggregateEventsSql, bucketColumn, bucketRangeSql, measureColumns, rollupGrains, rollupTable, uniqueColumns, type RollupGrain } from './rollup-sql'
import { appliedBatchesOnly, rebuildRollups, widenToDays, type RollupWindow } from './rebuild-rollups'

export type RollupDifference = {
  grain: RollupGrain
  teamId: number
  bucket: string
  modelKey: string
  /** The row's other keys (profile rollup), as `name=value` pairs; empty for hourly and daily. */
  profile: string
  column: string
  rollup: string
  raw: string
}

/** Compares rollups with a GROUP BY over raw events of applied batches in the window (whole UTC days). */
export async function findRollupDifferences(pool: pg.Pool, window: RollupWindow): Promise<RollupDifference[]> {
  // Months whose raw events retention dropped have nothing to compare with: their rollups are the record.
  const { from, to } = await clampToRetainedEvents(pool, widenToDays(window))
  const out: RollupDifference[] = []
  if (from >= to) return out
  const teamFilter = window.teamIds?.length ? ' AND team_id = ANY($3::int[])' : ''
  const params: unknown[] = [from.toISOString(), to.toISOString()]
  if (window.teamIds?.length) params.push(window.teamIds)
  for (const grain of rollupGrains) {
    const col = bucketColumn[grain]
    const keys = uniqueColumns(grain)
    const profileKeys = keys.filter((k) => k !== 'team_id' && k !== col && k !== 'model_key')
    const raw = aggregateEventsSql(grain, `e.ts >= $1 AND e.ts < $2${teamFilter.replace('team_id', 'e.team_id')} AND ${appliedBatchesOnly}`)
    const diffs = measureColumns.map((c) => `r.${c} IS DISTINCT FROM a.${c}`).join(' OR ')
    const { rows } = await pool.query(
      // Matched on the key as one text value: a FULL JOIN needs an equality it can hash or merge, and
      // the profile rollup's keys are nullable (NULL must match NULL).
      `WITH a AS (SELECT *, ROW(${keys.join(', ')})::text AS row_key FROM (${raw}) raw),
            r AS (SELECT *, ROW(${keys.join(', ')})::text AS row_key FROM ${rollupTable[grain]} WHERE ${bucketRangeSql(grain, '$1', '$2')}${teamFilter})
       SELECT coalesce(r.team_id, a.team_id) AS team_id, coalesce(r.${col}, a.${col})::text AS bucket,
              coalesce(r.model_key, a.model_key) AS model_key,
              concat_ws(' ', ${profileKeys.map((k) => `'${k}=' || coalesce(CASE WHEN r.team_id IS NULL THEN a.${k} ELSE r.${k} END::text, 'null')`).join(', ') || "''"}) AS profile,
              ${measureColumns.map((c) => `coalesce(r.${c}, 0)::text AS r_${c}, coalesce(a.${c}, 0)::text AS a_${c}`).join(', ')}
         FROM r FULL OUTER JOIN a ON r.row_key = a.row_key
        WHERE r.team_id IS NULL OR a.team_id IS NULL OR ${diffs}`,
      params,
    )
    for (const row of rows) {
      for (const c of measureColumns) {
        const rv = row[`r_${c}`] as string
        const av = row[`a_${c}`] as string
        if (!numericEqual(rv, av)) {
          out.push({ grain, teamId: row.team_id, bucket: row.bucket, modelKey: row.model_key, profile: row.profile, column: c, rollup: rv, raw: av })
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
