import { traitSql } from '@/lib/policy/event-traits'

// The one place that says how raw events aggregate into a rollup row. Used by the per-batch apply,
// the window rebuild, the re-price repair and the reconcile check, so all of them agree by construction.
//
// Three rollups, all applied per batch in one transaction:
// - hourly and daily: spend per team × model × hour / UTC day (what the spend pages read);
// - profile: spend per team × UTC day × everything the policy rules judge a call by (model, price
//   version, task, data class, traits) and the advice stored on it (rule, severity, suggested model).
//   The advice page aggregates it instead of the flagged raw events, and the what-if replay groups it
//   instead of raw events: costs are linear in tokens, so a group's summed buckets priced at one version
//   equal its events priced one by one.

export type RollupGrain = 'hourly' | 'daily' | 'profile'
export const rollupGrains: readonly RollupGrain[] = ['hourly', 'daily', 'profile']

type Column = { name: string; sql: string }

type RollupSpec = {
  table: string
  bucket: Column & { isDate: boolean }
  /** Group keys after team_id and the bucket. */
  keys: readonly Column[]
  /** Columns of the table's unique key (ON CONFLICT target; what reconcile matches rows on). */
  unique: readonly string[]
}

const dayBucket = { name: 'day', sql: "(e.ts AT TIME ZONE 'UTC')::date", isDate: true }
const modelKeys: Column[] = [
  { name: 'model_key', sql: 'coalesce(m.slug, e.model_raw)' },
  { name: 'model_id', sql: 'e.model_id' },
]

const specs: Record<RollupGrain, RollupSpec> = {
  hourly: { table: 'rollups_hourly', bucket: { name: 'bucket', sql: "date_trunc('hour', e.ts)", isDate: false }, keys: modelKeys, unique: ['team_id', 'bucket', 'model_key'] },
  daily: { table: 'rollups_daily', bucket: dayBucket, keys: modelKeys, unique: ['team_id', 'day', 'model_key'] },
  profile: {
    table: 'rollups_profile_daily',
    bucket: dayBucket,
    keys: [
      ...modelKeys,
      { name: 'price_version_id', sql: 'e.price_version_id' },
      { name: 'task', sql: 'e.task' },
      { name: 'data_class', sql: 'e.data_class' },
      { name: 'critical_tag', sql: traitSql.criticalTag },
      { name: 'latency_sensitive', sql: traitSql.latencySensitive },
      { name: 'small_output', sql: traitSql.smallOutput },
      { name: 'advice_rule', sql: 'e.advice_rule' },
      { name: 'advice_severity', sql: 'e.advice_severity' },
      { name: 'suggested_model_id', sql: 'e.suggested_model_id' },
    ],
    // NULLS NOT DISTINCT (see the migration): most keys are nullable.
    unique: ['team_id', 'day', 'model_key', 'model_id', 'price_version_id', 'task', 'data_class', 'critical_tag', 'latency_sensitive', 'small_output', 'advice_rule', 'advice_severity', 'suggested_model_id'],
  },
}

export const rollupTable: Record<RollupGrain, string> = { hourly: specs.hourly.table, daily: specs.daily.table, profile: specs.profile.table }
export const bucketColumn: Record<RollupGrain, string> = { hourly: 'bucket', daily: 'day', profile: 'day' }
export const uniqueColumns = (grain: RollupGrain): readonly string[] => specs[grain].unique

/** The rollup rows of [$from, $to) as a WHERE on the rollup table (params are timestamps at UTC day starts for day grains). */
export function bucketRangeSql(grain: RollupGrain, from: string, to: string, alias?: string): string {
  const col = alias ? `${alias}.${specs[grain].bucket.name}` : specs[grain].bucket.name
  return specs[grain].bucket.isDate ? `${col} >= ${from}::date AND ${col} < ${to}::date` : `${col} >= ${from} AND ${col} < ${to}`
}

/** The token buckets: usage_events columns, summed under the same names in every rollup. */
const tokenColumns = ['input_tokens', 'cache_read_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens'] as const

export const measureColumns = ['calls', ...tokenColumns, 'cost', 'unpriced_calls', 'flagged_calls', 'potential_saving'] as const

/** SELECT producing rollup rows (team_id, bucket, keys…, measures…) for events matching `where`, in key order
 *  (concurrent upserts then take row locks in the same order and cannot deadlock). */
export function aggregateEventsSql(grain: RollupGrain, where: string): string {
  const { bucket, keys } = specs[grain]
  const groupBy = Array.from({ length: keys.length + 2 }, (_, i) => i + 1).join(', ')
  return `
    SELECT e.team_id, ${bucket.sql} AS ${bucket.name},
           ${keys.map((k) => `${k.sql} AS ${k.name}`).join(',\n           ')},
           count(*)::bigint AS calls,
           ${tokenColumns.map((c) => `sum(e.${c})::bigint AS ${c}`).join(',\n           ')},
           coalesce(sum(e.cost), 0) AS cost,
           count(*) FILTER (WHERE e.status = 'unpriced')::bigint AS unpriced_calls,
           count(*) FILTER (WHERE e.advice_rule IS NOT NULL)::bigint AS flagged_calls,
           coalesce(sum(e.estimated_saving), 0) AS potential_saving
      FROM usage_events e
      LEFT JOIN models m ON m.id = e.model_id
     WHERE ${where}
     GROUP BY ${groupBy}
     ORDER BY ${groupBy}`
}

function upsertSql(grain: RollupGrain, aggregate: string, returning = ''): string {
  const { table, bucket, keys, unique } = specs[grain]
  const cols = ['team_id', bucket.name, ...keys.map((k) => k.name), ...measureColumns]
  const add = measureColumns.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ')
  return `
    INSERT INTO ${table} (${cols.join(', ')})
    ${aggregate}
    ON CONFLICT (${unique.join(', ')}) DO UPDATE SET ${add}${returning}`
}

/** INSERT … ON CONFLICT that adds the aggregate to existing rollup rows. */
export function upsertRollupSql(grain: RollupGrain, where: string): string {
  return upsertSql(grain, aggregateEventsSql(grain, where))
}

/** The usage_events columns a rollup row is made of (its keys and measures). */
export const rolledUpColumns = [
  'team_id', 'ts', 'model_id', 'model_raw', 'price_version_id', 'task', 'data_class', 'tags', 'latency_ms',
  ...tokenColumns,
  'cost', 'status', 'advice_rule', 'advice_severity', 'suggested_model_id', 'estimated_saving',
] as const

/**
 * What the rollups must add when events change price, as CTEs and one upsert per grain (all in one
 * statement). `changed` (alias e) holds the events of applied batches whose price changed, with the
 * usage_events columns as they were plus new_cost, new_price_version_id and new_status.
 *
 * `repriced_groups` sums the changed events by hour and every rollup key except the price (version and
 * status before and after are keys of their own): one pass over the events, a few rows per team-hour.
 * `repriced_moves` gives each group twice, as it was with w = −1 and as it is now with w = +1. Each
 * grain sums those: its events leave the rows they were counted in and join the ones they belong to
 * now. For hourly and daily rows only the cost and the unpriced count move; a profile row is keyed by
 * the price version too, so its events can all move to another row and leave it with no calls. The
 * upserts return such rows' ctids (`emptied`), which the caller deletes: a rebuild would not have them.
 */
export function repricedRollupSql(changed: string): { ctes: string; upsert: (grain: RollupGrain) => string } {
  // The profile keys are every grain's keys (and each bucket is a function of the hour); the price version
  // is not a group key here but one of the two sides of each move.
  const keys = specs.profile.keys.filter((k) => k.name !== 'price_version_id')
  for (const grain of rollupGrains) {
    for (const k of specs[grain].keys) if (k.name !== 'price_version_id' && !keys.some((g) => g.name === k.name)) throw new Error(`repricedRollupSql: ${grain} key ${k.name} is not grouped`)
  }
  const ctes = `
    repriced_groups AS (
      SELECT e.team_id, date_trunc('hour', e.ts) AS ts,
             ${keys.map((k) => `${k.sql} AS ${k.name}`).join(', ')},
             e.price_version_id AS old_version, e.new_price_version_id AS new_version, e.status AS old_status, e.new_status,
             count(*)::bigint AS calls, ${tokenColumns.map((c) => `sum(e.${c})::bigint AS ${c}`).join(', ')},
             coalesce(sum(e.cost), 0) AS old_cost, coalesce(sum(e.new_cost), 0) AS new_cost,
             count(*) FILTER (WHERE e.advice_rule IS NOT NULL)::bigint AS flagged_calls,
             coalesce(sum(e.estimated_saving), 0) AS potential_saving
        FROM ${changed} e
        LEFT JOIN models m ON m.id = e.model_id
       GROUP BY ${Array.from({ length: keys.length + 6 }, (_, i) => i + 1).join(', ')}
    ), repriced_moves AS (
      SELECT g.*, s.w, s.price_version_id, s.status, s.cost
        FROM repriced_groups g
       CROSS JOIN LATERAL (VALUES (-1, g.old_version, g.old_status, g.old_cost), (1, g.new_version, g.new_status, g.new_cost))
             AS s (w, price_version_id, status, cost)
    )`
  const upsert = (grain: RollupGrain): string => {
    const { table, bucket, keys: grainKeys } = specs[grain]
    const groupBy = Array.from({ length: grainKeys.length + 2 }, (_, i) => i + 1).join(', ')
    const aggregate = `
    SELECT e.team_id, ${bucket.sql} AS ${bucket.name}, ${grainKeys.map((k) => `e.${k.name}`).join(', ')},
           sum(e.w * e.calls)::bigint AS calls,
           ${tokenColumns.map((c) => `sum(e.w * e.${c})::bigint AS ${c}`).join(', ')},
           sum(e.w * e.cost) AS cost,
           coalesce(sum(e.w * e.calls) FILTER (WHERE e.status = 'unpriced'), 0)::bigint AS unpriced_calls,
           sum(e.w * e.flagged_calls)::bigint AS flagged_calls,
           sum(e.w * e.potential_saving) AS potential_saving
      FROM repriced_moves e
     GROUP BY ${groupBy}`
    return upsertSql(grain, aggregate, `\n    RETURNING CASE WHEN ${table}.calls = 0 THEN ${table}.ctid END AS emptied`)
  }
  return { ctes, upsert }
}

/**
 * INSERT of daily rollup rows summed from the profile rollup rows matching `where` (alias p): the daily
 * keys are a subset of the profile keys, so this equals aggregating the raw events again, at a fraction
 * of the cost. For rebuilds, after the profile rows of the same days were rebuilt and the daily ones deleted.
 */
export function dailyFromProfileSql(where: string): string {
  const { table, bucket, keys } = specs.daily
  const cols = ['team_id', bucket.name, ...keys.map((k) => k.name)]
  return `
    INSERT INTO ${table} (${[...cols, ...measureColumns].join(', ')})
    SELECT ${cols.map((c) => `p.${c}`).join(', ')}, ${measureColumns.map((c) => `sum(p.${c})`).join(', ')}
      FROM ${specs.profile.table} p
     WHERE ${where}
     GROUP BY ${cols.map((c) => `p.${c}`).join(', ')}
     ORDER BY ${cols.map((c) => `p.${c}`).join(', ')}`
}
