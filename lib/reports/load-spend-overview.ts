import type pg from 'pg'
import { previousMonthWindow } from './previous-month-window'
import { querySpend, type SpendRow } from './query-spend'
import { querySpendByDeployment, type DeploymentSpendRow } from './query-spend-by-deployment'
import type { SpendMeasures } from './spend-measures'

export type SpendFilters = {
  from: string
  to: string
  teamIds: readonly number[] | 'all'
  modelKeys?: readonly string[]
  routes?: readonly string[]
}

export type SpendOverview = {
  filters: SpendFilters
  totals: SpendMeasures
  previous: { from: string; to: string; totals: SpendMeasures }
  byTeam: SpendRow[]
  byModel: SpendRow[]
  byRoute: SpendRow[]
  byDayModel: SpendRow[]
  byDeployment: DeploymentSpendRow[]
}

/** Every breakdown the Spend page and its CSV export show, all from rollups_daily, one filter set. */
export async function loadSpendOverview(pool: pg.Pool, f: SpendFilters): Promise<SpendOverview> {
  const base = { from: f.from, to: f.to, teamIds: f.teamIds, modelKeys: f.modelKeys, routes: f.routes }
  const prev = previousMonthWindow(f)
  const [totals, previous, byTeam, byModel, byRoute, byDayModel, byDeployment] = await Promise.all([
    querySpend(pool, { ...base, groupBy: [] }),
    querySpend(pool, { ...base, ...prev, groupBy: [] }),
    querySpend(pool, { ...base, groupBy: ['team'] }),
    querySpend(pool, { ...base, groupBy: ['model'] }),
    querySpend(pool, { ...base, groupBy: ['route'] }),
    querySpend(pool, { ...base, groupBy: ['day', 'model'] }),
    querySpendByDeployment(pool, base),
  ])
  return {
    filters: f,
    totals: totals.totals,
    previous: { ...prev, totals: previous.totals },
    byTeam: byTeam.rows,
    byModel: byModel.rows,
    byRoute: byRoute.rows,
    byDayModel: byDayModel.rows,
    byDeployment: byDeployment.rows,
  }
}
