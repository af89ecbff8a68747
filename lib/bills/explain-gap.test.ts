import { describe, expect, it } from 'vitest'
import { planCaptureAlerts } from '@/lib/alerts/plan-capture-alerts'
import { explainGap } from './explain-gap'
import { dailyCapture, reconcileRows, totalsOf } from './reconcile-rows'

const row = (over: Partial<Parameters<typeof explainGap>[0]>) =>
  explainGap({ date: '2024-12-01', provider: 'openai', model: 'gpt-4o', billed_usd: '10', tracked_usd: '10', capture_rate: '1', billed_tokens: 1000, tracked_tokens: 1000, matched: true, otherCurrencies: [], ...over })

describe('explainGap', () => {
  it.each([
    [{}, 'match'],
    [{ tracked_usd: '9.96' }, 'match'], // within 0.5%
    [{ tracked_usd: '8' }, 'price_drift'],
    [{ tracked_usd: '12' }, 'price_drift'],
    [{ tracked_usd: '5', tracked_tokens: 500 }, 'untracked_calls'],
    [{ tracked_usd: '15', tracked_tokens: 1500 }, 'over_tracked'],
    [{ tracked_usd: '5', billed_tokens: null }, 'untracked_calls'],
    [{ tracked_usd: '15', billed_tokens: null }, 'over_tracked'],
    [{ matched: false }, 'unmatched_line'],
    [{ billed_usd: '0', billed_tokens: null }, 'not_billed'],
    [{ billed_usd: '0' }, 'not_billed'], // usage loaded without its cost report: no drift × 0
    [{ billed_usd: '0', tracked_usd: '0' }, 'match'],
    [{ billed_usd: '0', billed_tokens: null, otherCurrencies: ['EUR'] }, 'other_currency'],
  ] as const)('%j → %s', (over, kind) => {
    expect(row(over).kind).toBe(kind)
  })

  it('gives the price factor for drift', () => {
    expect(row({ tracked_usd: '8' }).priceFactor).toBe('1.25')
  })
})

describe('reconcileRows, totals and daily capture', () => {
  const rows = reconcileRows([
    { date: '2024-12-01', provider: 'openai', model: 'a', matched: true, billed_usd: '0.300000000000000000', tracked_usd: '0.1', billed_tokens: null, tracked_tokens: '7', other_currencies: null },
    { date: '2024-12-01', provider: 'openai', model: 'b', matched: true, billed_usd: null, tracked_usd: '0.2', billed_tokens: null, tracked_tokens: '3', other_currencies: null },
  ])

  it('exact strings; capture null when nothing billed', () => {
    expect(rows.map((r) => [r.billed_usd, r.tracked_usd, r.capture_rate, r.gap])).toEqual([
      ['0.3', '0.1', '0.333333', '0.2'],
      ['0', '0.2', null, '-0.2'],
    ])
    expect(totalsOf(rows)).toEqual({ billed_usd: '0.3', tracked_usd: '0.3', capture_rate: '1', billed_tokens: null, tracked_tokens: 10, rows: 2 })
  })

  it('alerts per provider-day below the threshold, keyed so it happens once', () => {
    const days = dailyCapture([{ ...rows[0]!, tracked_usd: '0.2' }, { ...rows[0]!, date: '2024-12-02' }])
    const drafts = planCaptureAlerts({ days, thresholdPercent: '95', alertTeam: { id: 7, slug: 'finance' } })
    expect(drafts.map((d) => d.dedupeKey)).toEqual(['capture:openai:2024-12-01', 'capture:openai:2024-12-02'])
    expect(drafts[0]?.message).toContain('capture rate of 66.67%, below the 95% threshold')
    expect(planCaptureAlerts({ days, thresholdPercent: '30', alertTeam: { id: 7, slug: 'finance' } })).toHaveLength(0)
  })
})
