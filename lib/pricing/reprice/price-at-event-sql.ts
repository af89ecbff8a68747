// The SQL twin of priceEvent/calculateCost, for bulk re-pricing where the events never leave Postgres.
// Both are exact (NUMERIC here, integer femto-dollars there), so they agree to the last digit.

/**
 * `LEFT JOIN LATERAL … pv`: the version in force at the event's own timestamp for events aliased `e`
 * (pv.id NULL = none). With overlapping versions the latest effective-from wins, as in findPriceAt.
 */
export const versionInForceJoin = `
  LEFT JOIN LATERAL (
    SELECT v.id, v.input, v.cache_read, v.cache_write, v.output, v.reasoning
      FROM price_versions v
     WHERE v.model_id = e.model_id AND v.effective_from <= e.ts AND (v.effective_to IS NULL OR e.ts < v.effective_to)
     ORDER BY v.effective_from DESC
     LIMIT 1
  ) pv ON true`

/**
 * Cost of `e` under `pv`, NULL when unpriced. Multiplying by 0.000001 instead of dividing by 1e6 keeps it
 * exact: NUMERIC division rounds to a chosen scale, multiplication never does (9 + 6 = 15 decimals, the
 * scale of usage_events.cost).
 */
export const costInForceSql = `
  CASE WHEN pv.id IS NULL THEN NULL ELSE
    (e.input_tokens * pv.input
     + e.cache_read_tokens * coalesce(pv.cache_read, pv.input)
     + e.cache_write_tokens * coalesce(pv.cache_write, pv.input)
     + e.output_tokens * pv.output
     + e.reasoning_tokens * coalesce(pv.reasoning, pv.output)) * 0.000001
  END`

export const statusInForceSql = `CASE WHEN pv.id IS NULL THEN 'unpriced'::"EventStatus" ELSE 'priced'::"EventStatus" END`
