import type pg from 'pg'
import { spendFilterSql } from './spend-filter-sql'
import { addMeasureSums, emptyMeasureTotals, formatMeasures, measureSumsSql, type MeasureSums, type SpendMeasures } from './spend-measures'
import type { ModelRoute, SpendGroupKey, SpendQueryInput } from './spend-query-schema'

export type SpendRow = {
  team?: string
  /** The catalog slug, or the model string as sent when it matched no catalog model. */
  model?: string
  /** null for a model string that matched no catalog model. */
  route?: ModelRoute | null
  day?: string
  month?: string
} & SpendMeasures

export type SpendReport = {
  from: string
  to: string
  group_by: SpendGroupKey[]
  currency: 'USD'
  rows: SpendRow[]
  totals: SpendMeasures
}

// Each key's SQL and its sort; "C" collation so the order is the same on every server locale.
const groupSql: Record<SpendGroupKey, { select: string; order: string }> = {
  team: { select: 't.slug', order: 't.slug COLLATE "C"' },
  model: { select: 'r.model_key', order: 'r.model_key COLLATE "C"' },
  route: { select: 'm.route::text', order: 'm.route::text COLLATE "C" NULLS LAST' },
  day: { select: `to_char(r.day, 'YYYY-MM-DD')`, order: `to_char(r.day, 'YYYY-MM-DD')` },
  month: { select: `to_char(r.day, 'YYYY-MM')`, order: `to_char(r.day, 'YYYY-MM')` },
}

/**
 * Spend over whole UTC days from rollups_daily only (never the raw events), grouped by any subset of
 * team / model / route / day / month. Rows come sorted by the group keys in the order asked for;
 * totals are the sums over all rows. The caller has already decided which teams the reader may see.
 */
export async function querySpend(pool: pg.Pool, input: SpendQueryInput): Promise<SpendReport> {
  const { q, where, params } = spendFilterSql(input)

  const joins: string[] = []
  if (q.groupBy.includes('team')) joins.push('JOIN teams t ON t.id = r.team_id')
  if (q.groupBy.includes('route') || q.routes) joins.push('LEFT JOIN models m ON m.id = r.model_id')

  const keys = q.groupBy.map((k) => `${groupSql[k].select} AS "${k}"`)
  const positions = q.groupBy.map((_, i) => i + 1)
  const sql = `
    SELECT ${[...keys, measureSumsSql].join(', ')}
      FROM rollups_daily r ${joins.join(' ')}
     WHERE ${where}
     ${positions.length > 0 ? `GROUP BY ${positions.join(', ')} ORDER BY ${q.groupBy.map((k) => groupSql[k].order).join(', ')}` : 'HAVING count(*) > 0'}`

  const result = await pool.query<Record<SpendGroupKey, string | null> & MeasureSums>(sql, params)
  const totals = emptyMeasureTotals()
  const rows = result.rows.map((r) => {
    addMeasureSums(totals, r)
    const row: Partial<Record<SpendGroupKey, string | null>> = {}
    for (const k of q.groupBy) row[k] = r[k]
    return { ...row, ...formatMeasures(addMeasureSums(emptyMeasureTotals(), r)) } as SpendRow
  })
  return { from: q.from, to: q.to, group_by: q.groupBy, currency: 'USD', rows, totals: formatMeasures(totals) }
}
