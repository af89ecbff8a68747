import type pg from 'pg'
import type { Deployment } from '@prisma/client'
import { spendFilterSql } from './spend-filter-sql'
import { addMeasureSums, emptyMeasureTotals, formatMeasures, measureSumsSql, type MeasureSums, type SpendMeasures } from './spend-measures'
import type { SpendQueryInput } from './spend-query-schema'

export type DeploymentSpendRow = {
  /** null for usage of a model string that matched no catalog model. */
  deployment: Deployment | null
} & SpendMeasures

export type DeploymentSpendReport = { rows: DeploymentSpendRow[]; totals: SpendMeasures }

const deploymentOrder = `CASE m.deployment::text WHEN 'closed_api' THEN 1 WHEN 'open_weights_api' THEN 2 WHEN 'local' THEN 3 ELSE 4 END`

/**
 * Spend per deployment (closed API / open-weights API / local) over whole UTC days: rollups_daily joined
 * to the catalog, with the same filters and validation as querySpend. The caller decides the teams.
 */
export async function querySpendByDeployment(pool: pg.Pool, input: Omit<SpendQueryInput, 'groupBy'>): Promise<DeploymentSpendReport> {
  const { where, params } = spendFilterSql({ ...input, groupBy: [] })
  const { rows } = await pool.query<{ deployment: Deployment | null } & MeasureSums>(
    `SELECT m.deployment::text AS deployment, ${measureSumsSql}
       FROM rollups_daily r LEFT JOIN models m ON m.id = r.model_id
      WHERE ${where}
      GROUP BY m.deployment
      ORDER BY ${deploymentOrder}`,
    params,
  )
  const totals = emptyMeasureTotals()
  const out = rows.map((r) => {
    addMeasureSums(totals, r)
    return { deployment: r.deployment, ...formatMeasures(addMeasureSums(emptyMeasureTotals(), r)) }
  })
  return { rows: out, totals: formatMeasures(totals) }
}
