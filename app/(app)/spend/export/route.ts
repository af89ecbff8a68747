import { auth } from '@/auth'
import { sessionUserOrThrow } from '@/lib/auth/session-user'
import { csvResponse, type CsvCell } from '@/lib/csv/to-csv'
import { pool } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { apiHandler } from '@/lib/http/api-handler'
import { listBudgetStatuses } from '@/lib/reports/list-budget-statuses'
import { loadSpendOverview } from '@/lib/reports/load-spend-overview'
import type { SpendMeasures } from '@/lib/reports/spend-measures'
import { tokenBuckets } from '@/components/spend/spend-series'
import { resolveSpendView } from '@/lib/reports/spend-view'

export const dynamic = 'force-dynamic'

const tables = ['daily', 'teams', 'models', 'routes', 'deployments', 'tokens', 'budgets'] as const
type Table = (typeof tables)[number]

const measureHeader = [
  'calls', 'input_tokens', 'cache_read_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens',
  'cost_usd', 'unpriced_calls', 'flagged_calls', 'potential_saving_usd',
] as const satisfies readonly (keyof SpendMeasures)[]

const measures = (m: SpendMeasures): CsvCell[] => measureHeader.map((k) => m[k])

// The rows behind each table on the Spend page, with the page's filters and the same tenant wall:
// a team-scoped role gets its own team whatever it asks for, and a 403 for asking for another.
export const GET = apiHandler(async (req: Request) => {
  // resolveSpendView applies the spend scope (403 for a role with none, or for another team).
  const user = sessionUserOrThrow(await auth())
  const url = new URL(req.url)
  const table = (url.searchParams.get('table') ?? 'daily') as Table
  if (!tables.includes(table)) throw new AppError('invalid', `unknown table '${table}' (allowed: ${tables.join(', ')})`)
  const now = new Date()
  const view = await resolveSpendView(user, url.searchParams, now)
  const name = `modelledger-spend-${table}-${view.from}-${view.to}.csv`

  if (table === 'budgets') {
    const { statuses } = await listBudgetStatuses(pool, view.teamIds, now)
    return csvResponse(
      name.replace(`${view.from}-${view.to}`, statuses[0]?.month ?? view.to.slice(0, 7)),
      ['month', 'team', 'spent_usd', 'budget_usd', 'percent', 'forecast_usd', 'thresholds_crossed', 'unpriced_calls', 'forecast_method'],
      statuses.map((s) => [s.month, s.teamSlug, s.spent, s.budget, s.percent, s.forecast, s.thresholdsCrossed.join(' '), s.unpricedCalls, s.forecastMethod]),
    )
  }

  const o = await loadSpendOverview(pool, view)
  switch (table) {
    case 'daily':
      return csvResponse(name, ['day', 'model', ...measureHeader], o.byDayModel.map((r) => [r.day, r.model, ...measures(r)]))
    case 'teams':
      return csvResponse(name, ['team', ...measureHeader], o.byTeam.map((r) => [r.team, ...measures(r)]))
    case 'models':
      return csvResponse(name, ['model', ...measureHeader], o.byModel.map((r) => [r.model, ...measures(r)]))
    case 'routes':
      return csvResponse(name, ['route', ...measureHeader], o.byRoute.map((r) => [r.route ?? 'unmatched', ...measures(r)]))
    case 'deployments':
      return csvResponse(name, ['deployment', ...measureHeader], o.byDeployment.map((r) => [r.deployment ?? 'unmatched', ...measures(r)]))
    case 'tokens':
      return csvResponse(name, ['bucket', 'tokens'], tokenBuckets.map(([key]) => [key.replace(/_tokens$/, ''), o.totals[key]]))
  }
})
