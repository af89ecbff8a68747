// The reconciliation aggregate: bill lines ⋈ rollups_daily per provider × UTC day × model. It reads the
// daily rollups (teams × models × days rows), never usage_events, so its cost does not grow with events.
// Tracked spend counts only on (provider, day) pairs the bill covers: a day not yet billed is not a gap.
// A tracked model belongs to its catalog provider; a bill line's model is its matched catalog slug, or
// the name as billed (lower-cased) when it matches nothing. $1 from, $2 to (both included), $3 provider.

const trackedTokens = 'r.input_tokens + r.cache_read_tokens + r.cache_write_tokens + r.output_tokens + r.reasoning_tokens'

export const reconciliationSql = `
WITH lines AS (
  SELECT b.provider, b.day, COALESCE(m.slug, lower(b.model_raw)) AS model, b.model_id, b.measure, b.currency, b.amount, b.tokens
    FROM provider_bill_lines b LEFT JOIN models m ON m.id = b.model_id
   WHERE b.day >= $1::date AND b.day <= $2::date AND ($3::text IS NULL OR b.provider = $3::text)
), covered AS (
  SELECT DISTINCT provider, day FROM lines
), billed AS (
  SELECT provider, day, model, bool_and(model_id IS NOT NULL) AS matched,
         sum(amount) FILTER (WHERE measure = 'cost' AND currency = 'USD') AS billed_usd,
         sum(tokens) AS billed_tokens,
         array_agg(DISTINCT currency) FILTER (WHERE measure = 'cost' AND currency <> 'USD') AS other_currencies
    FROM lines GROUP BY provider, day, model
), tracked AS (
  SELECT c.provider, r.day, m.slug AS model, sum(r.cost) AS tracked_usd, sum(${trackedTokens}) AS tracked_tokens
    FROM rollups_daily r
    JOIN models m ON m.id = r.model_id
    JOIN covered c ON c.day = r.day AND c.provider = lower(m.provider)
   WHERE r.day >= $1::date AND r.day <= $2::date
   GROUP BY c.provider, r.day, m.slug
)
SELECT to_char(COALESCE(b.day, t.day), 'YYYY-MM-DD') AS date,
       COALESCE(b.provider, t.provider) AS provider,
       COALESCE(b.model, t.model) AS model,
       COALESCE(b.matched, true) AS matched,
       b.billed_usd::text AS billed_usd,
       t.tracked_usd::text AS tracked_usd,
       b.billed_tokens::text AS billed_tokens,
       t.tracked_tokens::text AS tracked_tokens,
       b.other_currencies
  FROM billed b
  FULL JOIN tracked t ON t.provider = b.provider AND t.day = b.day AND t.model = b.model
 ORDER BY 1, 2, 3`

/** Lines billed in a currency other than USD: listed as billed, never converted. */
export const otherCurrencySql = `
SELECT to_char(b.day, 'YYYY-MM-DD') AS date, b.provider, COALESCE(m.slug, b.model_raw) AS model, b.currency, sum(b.amount)::text AS amount
  FROM provider_bill_lines b LEFT JOIN models m ON m.id = b.model_id
 WHERE b.measure = 'cost' AND b.currency <> 'USD' AND b.day >= $1::date AND b.day <= $2::date AND ($3::text IS NULL OR b.provider = $3::text)
 GROUP BY 1, 2, 3, 4
 ORDER BY 1, 2, 3, 4`
