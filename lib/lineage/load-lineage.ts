import type pg from 'pg'
import { loadModelPrices, type ModelPrice } from '@/lib/advisor/load-model-prices'
import { documentCatalog } from '@/lib/catalog/document-catalog'
import { Decimal } from '@/lib/pricing/decimal'
import { querySpend } from '@/lib/reports/query-spend'
import type { SpendMeasures } from '@/lib/reports/spend-measures'
import { buildLineageTree, type LineageModel, type LineageTreeNode } from './lineage-tree'
import { monthlyShares, reasoningPriceTrend, type MonthlyShares, type ReasoningPriceTrend } from './lineage-trends'

// Everything the Lineage page shows, from rollups_daily (through querySpend) and the live price table,
// for the teams the caller may read — a team lead or engineer gets their own team's numbers.

export type LineageNodeFigures = { spend: string | null; calls: number; unpricedCalls: number; sharePercent: number | null; price: ModelPrice }

export type LineageData = {
  from: string
  to: string
  tree: LineageTreeNode
  figures: ReadonlyMap<string, LineageNodeFigures>
  totals: SpendMeasures
  shares: MonthlyShares[]
  reasoning: ReasoningPriceTrend
}

export async function loadLineage(pool: pg.Pool, q: { from: string; to: string; teamIds: readonly number[] | 'all'; now: Date }): Promise<LineageData> {
  const range = { from: q.from, to: q.to, teamIds: q.teamIds }
  const [prices, byModel, byMonthModel, reasoningVersions] = await Promise.all([
    loadModelPrices(pool, q.now),
    querySpend(pool, { ...range, groupBy: ['model'] }),
    querySpend(pool, { ...range, groupBy: ['month', 'model'] }),
    pool.query<{ slug: string; display_name: string; effective_from: Date; effective_to: Date | null; output: string }>(
      `SELECT m.slug, m.display_name, p.effective_from, p.effective_to, p.output::text AS output
         FROM price_versions p JOIN models m ON m.id = p.model_id
        WHERE m.route = 'reasoning'
        ORDER BY p.effective_from, m.slug`,
    ),
  ])

  // The document's models, placed by the catalog's live route and deployment.
  const models: LineageModel[] = documentCatalog.map((m) => {
    const live = prices.get(m.slug)
    return { slug: m.slug, displayName: live.displayName, family: m.family, route: live.inCatalog ? live.route : m.route, deployment: live.inCatalog ? live.deployment : m.deployment }
  })
  const total = byModel.totals.cost_usd === null ? new Decimal(0) : new Decimal(byModel.totals.cost_usd)
  const rowBySlug = new Map(byModel.rows.map((r) => [r.model ?? '', r]))
  const figures = new Map(
    models.map((m): [string, LineageNodeFigures] => {
      const row = rowBySlug.get(m.slug)
      const spend = row?.cost_usd ?? (row ? null : '0')
      return [
        m.slug,
        {
          spend,
          calls: Number(row?.calls ?? 0),
          unpricedCalls: Number(row?.unpriced_calls ?? 0),
          sharePercent: spend === null || total.isZero() ? null : new Decimal(spend).times(100).dividedBy(total).toDecimalPlaces(1).toNumber(),
          price: prices.get(m.slug),
        },
      ]
    }),
  )

  const facts = (slug: string) => {
    const p = prices.get(slug)
    return p.inCatalog ? { route: p.route, deployment: p.deployment } : null
  }
  return {
    from: q.from,
    to: q.to,
    tree: buildLineageTree(models),
    figures,
    totals: byModel.totals,
    shares: monthlyShares(
      byMonthModel.rows.map((r) => ({ month: r.month ?? '', model: r.model ?? '', cost_usd: r.cost_usd })),
      facts,
    ),
    reasoning: reasoningPriceTrend(
      reasoningVersions.rows.map((v) => ({ slug: v.slug, displayName: v.display_name, effectiveFrom: v.effective_from, effectiveTo: v.effective_to, output: new Decimal(v.output) })),
      q.now,
    ),
  }
}
