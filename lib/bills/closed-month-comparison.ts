import type pg from 'pg'
import { Decimal } from '@/lib/pricing/decimal'
import type { ReconciliationWindow } from './reconciliation-window'

export type ClosedMonthLine = { month: string; provider: string; model: string; billedUsd: string; frozenTrackedUsd: string; liveTrackedUsd: string }

/**
 * For each closed month the window touches: per provider × model, the bill beside the tracked spend as
 * frozen at close (month_closes statements) and as the rollups say now. Bills and rollups are whole
 * months here, whatever the window's days, because a close freezes a whole month.
 */
export async function loadClosedMonthComparison(pool: pg.Pool, w: ReconciliationWindow): Promise<ClosedMonthLine[]> {
  const { rows } = await pool.query<{ month: string; provider: string; model: string; billed: string | null; frozen: string | null; live: string | null }>(
    `WITH months AS (
       SELECT DISTINCT mc.month FROM month_closes mc
        WHERE mc.month >= to_char($1::date, 'YYYY-MM') AND mc.month <= to_char($2::date, 'YYYY-MM')
     ), frozen AS (
       SELECT mc.month, lower(m.provider) AS provider, m.slug AS model, sum((line->>'cost')::numeric) AS cost
         FROM month_closes mc JOIN months USING (month)
         CROSS JOIN LATERAL jsonb_array_elements(mc.statement->'models') AS line
         JOIN models m ON m.slug = line->>'modelKey'
        GROUP BY 1, 2, 3
     ), billed AS (
       SELECT to_char(b.day, 'YYYY-MM') AS month, b.provider, COALESCE(m.slug, lower(b.model_raw)) AS model, sum(b.amount) AS cost
         FROM provider_bill_lines b LEFT JOIN models m ON m.id = b.model_id
        WHERE b.measure = 'cost' AND b.currency = 'USD' AND to_char(b.day, 'YYYY-MM') IN (SELECT month FROM months)
          AND ($3::text IS NULL OR b.provider = $3::text)
        GROUP BY 1, 2, 3
     ), live AS (
       SELECT to_char(r.day, 'YYYY-MM') AS month, lower(m.provider) AS provider, m.slug AS model, sum(r.cost) AS cost
         FROM rollups_daily r JOIN models m ON m.id = r.model_id
        WHERE r.day >= (SELECT min(month || '-01')::date FROM months) AND r.day < ((SELECT max(month || '-01')::date FROM months) + interval '1 month')
          AND to_char(r.day, 'YYYY-MM') IN (SELECT month FROM months)
        GROUP BY 1, 2, 3
     )
     SELECT b.month, b.provider, b.model, b.cost::text AS billed, f.cost::text AS frozen, l.cost::text AS live
       FROM billed b
       LEFT JOIN frozen f ON f.month = b.month AND f.provider = b.provider AND f.model = b.model
       LEFT JOIN live l ON l.month = b.month AND l.provider = b.provider AND l.model = b.model
      ORDER BY 1, 2, 3`,
    [w.from, w.to, w.provider],
  )
  const dec = (v: string | null) => new Decimal(v ?? 0).toFixed()
  return rows.map((r) => ({ month: r.month, provider: r.provider, model: r.model, billedUsd: dec(r.billed), frozenTrackedUsd: dec(r.frozen), liveTrackedUsd: dec(r.live) }))
}
