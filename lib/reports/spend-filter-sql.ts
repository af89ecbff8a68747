import { AppError } from '@/lib/errors'
import { describeSpendQueryError, spendQuerySchema, type SpendQuery, type SpendQueryInput } from './spend-query-schema'

/**
 * A spend query, validated (every message names its field), and its filter over rollups_daily `r`: whole
 * UTC days, both ends inclusive. A route filter reads the catalog as `m`, which the caller joins.
 */
export function spendFilterSql(input: SpendQueryInput): { q: SpendQuery; where: string; params: unknown[] } {
  const parsed = spendQuerySchema.safeParse(input)
  if (!parsed.success) throw new AppError('invalid', `invalid spend query: ${describeSpendQueryError(parsed.error)}`)
  const q = parsed.data
  const params: unknown[] = [q.from, q.to]
  const where = ['r.day BETWEEN $1::date AND $2::date']
  if (q.teamIds !== 'all') where.push(`r.team_id = ANY($${params.push(q.teamIds)}::int[])`)
  if (q.modelKeys) where.push(`r.model_key = ANY($${params.push(q.modelKeys)}::text[])`)
  if (q.routes) where.push(`m.route::text = ANY($${params.push(q.routes)}::text[])`)
  return { q, where: where.join(' AND '), params }
}
