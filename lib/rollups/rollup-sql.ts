// The one place that says how raw events aggregate into a rollup row. Used by the per-batch apply,
// the window rebuild and the reconcile check, so all three agree by construction.

export type RollupGrain = 'hourly' | 'daily'

export const rollupTable: Record<RollupGrain, string> = { hourly: 'rollups_hourly', daily: 'rollups_daily' }
const bucketColumn: Record<RollupGrain, string> = { hourly: 'bucket', daily: 'day' }
const bucketExpr: Record<RollupGrain, string> = {
  hourly: "date_trunc('hour', e.ts)",
  daily: "(e.ts AT TIME ZONE 'UTC')::date",
}

export const measureColumns = [
  'calls',
  'input_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'output_tokens',
  'reasoning_tokens',
  'cost',
  'unpriced_calls',
  'flagged_calls',
  'potential_saving',
] as const

/** SELECT producing rollup rows (team_id, bucket, model_key, model_id, measures…) for events matching `where`. */
export function aggregateEventsSql(grain: RollupGrain, where: string): string {
  return `
    SELECT e.team_id, ${bucketExpr[grain]} AS ${bucketColumn[grain]},
           coalesce(m.slug, e.model_raw) AS model_key, e.model_id,
           count(*)::bigint AS calls,
           sum(e.input_tokens)::bigint AS input_tokens,
           sum(e.cache_read_tokens)::bigint AS cache_read_tokens,
           sum(e.cache_write_tokens)::bigint AS cache_write_tokens,
           sum(e.output_tokens)::bigint AS output_tokens,
           sum(e.reasoning_tokens)::bigint AS reasoning_tokens,
           coalesce(sum(e.cost), 0) AS cost,
           count(*) FILTER (WHERE e.status = 'unpriced')::bigint AS unpriced_calls,
           count(*) FILTER (WHERE e.advice_rule IS NOT NULL)::bigint AS flagged_calls,
           coalesce(sum(e.estimated_saving), 0) AS potential_saving
      FROM usage_events e
      LEFT JOIN models m ON m.id = e.model_id
     WHERE ${where}
     GROUP BY 1, 2, 3, 4
     ORDER BY 1, 2, 3`
}

/** INSERT … ON CONFLICT that adds the aggregate to existing rollup rows. */
export function upsertRollupSql(grain: RollupGrain, where: string): string {
  const table = rollupTable[grain]
  const cols = ['team_id', bucketColumn[grain], 'model_key', 'model_id', ...measureColumns]
  const add = measureColumns.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ')
  return `
    INSERT INTO ${table} (${cols.join(', ')})
    ${aggregateEventsSql(grain, where)}
    ON CONFLICT (team_id, ${bucketColumn[grain]}, model_key) DO UPDATE SET ${add}`
}

export { bucketColumn }
