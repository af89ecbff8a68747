import type pg from 'pg'
import type { Deployment } from '@prisma/client'
import { AppError } from '@/lib/errors'
import { addMeasureSums, countColumns, emptyMeasureTotals, formatMeasures, type MeasureSums, type SpendMeasures } from './spend-measures'
import { describeSpendQueryError, spendQuerySchema, type SpendQueryInput } from './spend-query-schema'

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
  const parsed = spendQuerySchema.safeParse({ ...input, groupBy: [] })
  if (!parsed.success) throw new AppError('invalid', `invalid spend query: ${describeSpendQueryError(parsed.error)}`)
  const q = parsed.data

  const params: unknown[] = [q.from, q.to]
  const where = ['r.day BETWEEN $1::date AND $2::date']
  if (q.teamIds !== 'all') where.push(`r.team_id = ANY($${params.push(q.teamIds)}::int[])`)
  if (q.modelKeys) where.push(`r.model_key = ANY($${params.push(q.modelKeys)}::text[])`)
  if (q.routes) where.push(`m.route::text = ANY($${params.push(q.routes)}::text[])`)
  const sums = [...countColumns, 'cost', 'potential_saving'].map((c) => `sum(r.${c})::text AS ${c}`)

  const { rows } = await pool.query<{ deployment: Deployment | null } & MeasureSums>(
    `SELECT m.deployment::text AS deployment, ${sums.join(', ')}
       FROM rollups_daily r LEFT JOIN models m ON m.id = r.model_id
      WHERE ${where.join(' AND ')}
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
