import { describe, expect, it } from 'vitest'
import { Decimal } from '@/lib/pricing/decimal'
import { monthlyShares, reasoningPriceTrend, type CatalogFacts } from './lineage-trends'

const known: Record<string, ReturnType<CatalogFacts>> = {
  'deepseek-v3': { route: 'moe', deployment: 'open_weights_api' },
  'gpt-4o': { route: 'dense', deployment: 'closed_api' },
  'llama-3.1-70b': { route: 'dense', deployment: 'local' },
}
const facts: CatalogFacts = (slug) => known[slug] ?? null

describe('monthlyShares', () => {
  it('shares priced catalog spend per month between MoE, open and closed, skipping unpriced and unknown models', () => {
    const shares = monthlyShares(
      [
        { month: '2026-11', model: 'gpt-4o', cost_usd: '30' },
        { month: '2026-10', model: 'gpt-4o', cost_usd: '75' },
        { month: '2026-10', model: 'deepseek-v3', cost_usd: '25' },
        { month: '2026-10', model: 'my-finetune', cost_usd: '1000' },
        { month: '2026-10', model: 'llama-3.1-70b', cost_usd: null },
        { month: '2026-11', model: 'llama-3.1-70b', cost_usd: '10' },
      ],
      facts,
    )
    expect(shares).toEqual([
      { month: '2026-10', priced: '100.00', moePercent: 25, openPercent: 25, closedPercent: 75 },
      { month: '2026-11', priced: '40.00', moePercent: 0, openPercent: 25, closedPercent: 75 },
    ])
  })

  it('says nothing (null) for a month with no priced spend rather than 0%', () => {
    expect(monthlyShares([{ month: '2026-12', model: 'gpt-4o', cost_usd: '0' }], facts)).toEqual([
      { month: '2026-12', priced: '0.00', moePercent: null, openPercent: null, closedPercent: null },
    ])
  })
})

describe('reasoningPriceTrend', () => {
  const d = (s: string) => new Date(`${s}T00:00:00Z`)
  const v = (slug: string, from: string, to: string | null, output: string) => ({ slug, displayName: slug.toUpperCase(), effectiveFrom: d(from), effectiveTo: to ? d(to) : null, output: new Decimal(output) })

  it('steps each model through its versions and reports first → in-force change', () => {
    const trend = reasoningPriceTrend([v('o1', '2025-01-04', '2026-03-01', '20'), v('o1', '2026-03-01', null, '15'), v('r1', '2025-06-01', null, '2.19'), v('o1', '2027-01-01', null, '1')], d('2026-12-07'))
    expect(trend.points).toEqual([
      { day: '2025-01-04', O1: 20, R1: null },
      { day: '2025-06-01', O1: 20, R1: 2.19 },
      { day: '2026-03-01', O1: 15, R1: 2.19 },
      { day: '2026-12-07', O1: 15, R1: 2.19 },
    ])
    expect(trend.models).toEqual([
      { slug: 'o1', displayName: 'O1', first: '20', latest: '15', changePercent: -25, since: '2025-01-04' },
      { slug: 'r1', displayName: 'R1', first: '2.19', latest: '2.19', changePercent: 0, since: '2025-06-01' },
    ])
  })
})
