import type pg from 'pg'
import { describePriceSource, type InForceVersion, type PriceSourceSummary } from './describe-price-source'

/** The price source in force now, across the catalog (each model's version in force at `now`). */
export async function loadPriceSource(pool: pg.Pool, now: Date = new Date()): Promise<PriceSourceSummary> {
  const { rows } = await pool.query<{ source: InForceVersion['source']; effective_from: string; created_on: string }>(
    `SELECT DISTINCT ON (model_id) source::text AS source,
            to_char(effective_from AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS effective_from,
            to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS created_on
       FROM price_versions
      WHERE effective_from <= $1 AND (effective_to IS NULL OR effective_to > $1)
      ORDER BY model_id, effective_from DESC`,
    [now],
  )
  return describePriceSource(rows.map((r) => ({ source: r.source, effectiveFrom: r.effective_from, createdOn: r.created_on })))
}
