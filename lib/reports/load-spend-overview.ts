import type pg from 'pg'
import { comparisonPeriod, periodCoverage, type ComparisonPeriod } from './comparison-period'
import { queryFirstUsageDay } from './query-first-usage-day'
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
  /** The equal-length period just before, and how much of it the data covers. */
  previous: ComparisonPeriod & { totals: SpendMeasures; coverage: 'full' | 'partial' | 'none'; dataFrom: string | null }
  byTeam: SpendRow[]
  byModel: SpendRow[]
  byRoute: SpendRow[]
  byDayModel: SpendRow[]
  byDeployment: DeploymentSpendRow[]
}

/** Every breakdown the Spend page and its CSV export show, all from rollups_daily, one filter set. */
export async function loadSpendOverview(pool: pg.Pool, f: SpendFilters): Promise<SpendOverview> {
  const base = { from: f.from, to: f.to, teamIds: f.teamIds, modelKeys: f.modelKeys, routes: f.routes }
  const prev = comparisonPeriod(f)
  const [totals, previous, dataFrom, byTeam, byModel, byRoute, byDayModel, byDeployment] = await Promise.all([
    querySpend(pool, { ...base, groupBy: [] }),
    querySpend(pool, { ...base, from: prev.from, to: prev.to, groupBy: [] }),
    queryFirstUsageDay(pool, base),
    querySpend(pool, { ...base, groupBy: ['team'] }),
    querySpend(pool, { ...base, groupBy: ['model'] }),
    querySpend(pool, { ...base, groupBy: ['route'] }),
    querySpend(pool, { ...base, groupBy: ['day', 'model'] }),
    querySpendByDeployment(pool, base),
  ])
  return {
    filters: f,
    totals: totals.totals,
    previous: { ...prev, totals: previous.totals, coverage: periodCoverage(prev, dataFrom), dataFrom },
    byTeam: byTeam.rows,
    byModel: byModel.rows,
    byRoute: byRoute.rows,
    byDayModel: byDayModel.rows,
    byDeployment: byDeployment.rows,
  }
}
