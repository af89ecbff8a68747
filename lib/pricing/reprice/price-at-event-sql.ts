import { costUnderVersionSql, priceInForceJoinSql } from '@/lib/pricing/cost-sql'

// The SQL twin of priceEvent/calculateCost, for bulk re-pricing where the events never leave Postgres.
// Both are exact (NUMERIC here, integer femto-dollars there), so they agree to the last digit.

/** `LEFT JOIN LATERAL … pv`: the version in force at the event's own timestamp for events aliased `e`. */
export const versionInForceJoin = priceInForceJoinSql({ as: 'pv', modelId: 'e.model_id', at: 'e.ts' })

/** Cost of `e` under `pv`, NULL when unpriced (exact: see costUnderVersionSql). */
export const costInForceSql = costUnderVersionSql('e', 'pv')

export const statusInForceSql = `CASE WHEN pv.id IS NULL THEN 'unpriced'::"EventStatus" ELSE 'priced'::"EventStatus" END`

/**
 * `pv` for set-based re-pricing: each model's timeline cut at every effective_from/effective_to, one row
 * per piece [lo, hi) with the version in force over it (chosen as in versionInForceJoin, which only
 * changes at those cuts; NULL columns = none). Every model has a piece from -infinity and key -1 stands
 * for "no model", so `pv.model_key = coalesce(e.model_id, -1) AND pv.lo <= e.ts AND e.ts < pv.hi` finds
 * exactly one piece for each event of a known model: a hash join on a few dozen rows instead of an index
 * probe per event. An event whose model_id names no model finds none; callers look for those.
 */
export const versionPiecesSql = `
  WITH cuts AS (
    SELECT id AS model_key, '-infinity'::timestamptz AS lo FROM models
    UNION SELECT -1, '-infinity'
    UNION SELECT model_id, effective_from FROM price_versions
    UNION SELECT model_id, effective_to FROM price_versions WHERE effective_to IS NOT NULL
  ), piece AS (
    SELECT model_key, lo, coalesce(lead(lo) OVER (PARTITION BY model_key ORDER BY lo), 'infinity') AS hi FROM cuts
  )
  SELECT p.model_key, p.lo, p.hi, v.id, v.input, v.cache_read, v.cache_write, v.output, v.reasoning
    FROM piece p
    ${priceInForceJoinSql({ as: 'v', modelId: 'p.model_key', at: 'p.lo' })}`

/** The join condition of an event `e` to its piece `pv` of versionPiecesSql. */
export const pieceOfEventSql = `pv.model_key = coalesce(e.model_id, -1) AND pv.lo <= e.ts AND e.ts < pv.hi`
