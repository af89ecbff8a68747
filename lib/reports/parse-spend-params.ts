import { AppError } from '@/lib/errors'
import { toUtcDay, utcMonthOf } from '@/lib/time/utc-days'

export const spendParamNames = ['from', 'to', 'group_by', 'team', 'model', 'route'] as const

export type SpendParams = {
  from: string
  to: string
  groupBy: string[]
  teamSlugs?: string[]
  modelKeys?: string[]
  routes?: string[]
}

// Lists may be comma-separated, repeated (?team=a&team=b) or both.
function list(params: URLSearchParams, name: string): string[] | undefined {
  const values = params
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '')
  return values.length > 0 ? values : undefined
}

function single(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name)
  if (values.length > 1) throw new AppError('invalid', `${name} may be given once (got ${values.length} values)`)
  const value = values[0]?.trim()
  return value === '' ? undefined : value
}

/**
 * Reads GET /api/v1/spend's query string. Unknown parameters are refused rather than ignored, so a typo
 * (groupby=, teams=) never silently returns the unfiltered answer. Defaults: the current UTC month to date,
 * no grouping (one row of totals). Values are validated by querySpend.
 */
export function parseSpendParams(params: URLSearchParams, now: Date): SpendParams {
  const unknown = [...new Set(params.keys())].filter((k) => !(spendParamNames as readonly string[]).includes(k))
  if (unknown.length > 0) {
    throw new AppError('invalid', `unknown query parameter(s): ${unknown.map((k) => `'${k}'`).join(', ')} (allowed: ${spendParamNames.join(', ')})`)
  }
  const out: SpendParams = {
    from: single(params, 'from') ?? utcMonthOf(now).firstDay,
    to: single(params, 'to') ?? toUtcDay(now),
    groupBy: list(params, 'group_by') ?? [],
  }
  const teamSlugs = list(params, 'team')
  const modelKeys = list(params, 'model')
  const routes = list(params, 'route')
  if (teamSlugs) out.teamSlugs = teamSlugs
  if (modelKeys) out.modelKeys = modelKeys
  if (routes) out.routes = routes
  return out
}
