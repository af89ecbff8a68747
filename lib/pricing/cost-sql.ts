// The SQL twin of findPriceAt/calculateCost, for aggregates that never leave PostgreSQL. Both are exact
// (NUMERIC here, integer femto-dollars there), so they agree to the last digit.

/**
 * `LEFT JOIN LATERAL … <as>`: the price version of model `modelId` in force at instant `at` (<as>.id NULL =
 * none). With overlapping versions the latest effective-from wins, as in findPriceAt.
 */
export function priceInForceJoinSql(args: { as: string; modelId: string; at: string }): string {
  return `
  LEFT JOIN LATERAL (
    SELECT v.id, v.input, v.cache_read, v.cache_write, v.output, v.reasoning
      FROM price_versions v
     WHERE v.model_id = ${args.modelId} AND v.effective_from <= ${args.at} AND (v.effective_to IS NULL OR ${args.at} < v.effective_to)
     ORDER BY v.effective_from DESC
     LIMIT 1
  ) ${args.as} ON true`
}

/**
 * Cost of the token columns of `tokens` (an event or a sum of events) under price version `pv`, NULL when
 * there is none. Multiplying by 0.000001 instead of dividing by 1e6 keeps it exact: NUMERIC division
 * rounds to a chosen scale, multiplication never does (9 + 6 = 15 decimals, the scale of usage_events.cost).
 */
export function costUnderVersionSql(tokens: string, pv: string): string {
  return `
  CASE WHEN ${pv}.id IS NULL THEN NULL ELSE
    (${tokens}.input_tokens * ${pv}.input
     + ${tokens}.cache_read_tokens * coalesce(${pv}.cache_read, ${pv}.input)
     + ${tokens}.cache_write_tokens * coalesce(${pv}.cache_write, ${pv}.input)
     + ${tokens}.output_tokens * ${pv}.output
     + ${tokens}.reasoning_tokens * coalesce(${pv}.reasoning, ${pv}.output)) * 0.000001
  END`
}

/** Every instant at which some model's price in force can change (column b): the versions' bounds. */
export const priceBoundariesSql = `SELECT effective_from AS b FROM price_versions UNION SELECT effective_to FROM price_versions WHERE effective_to IS NOT NULL`

/**
 * The UTC days of [from, to) (date parameters or expressions) that a price-version boundary of any model
 * falls strictly inside: only on those days can one model's price change between two events. Every other
 * day has one version in force per model from midnight to midnight, so a day's rollup rows can be priced
 * at the version in force at the day's start.
 */
export function daysWithPriceChangeSql(from: string, to: string): string {
  return `
  SELECT DISTINCT (b AT TIME ZONE 'UTC')::date AS day
    FROM (${priceBoundariesSql}) x
   WHERE b >= (${from})::timestamp AT TIME ZONE 'UTC' AND b < (${to})::timestamp AT TIME ZONE 'UTC'
     AND b <> date_trunc('day', b AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`
}
