import { describe, expect, it } from 'vitest'
import { evaluateBudget } from '@/lib/budgets/evaluate-budget'
import { Decimal } from '@/lib/pricing/decimal'
import { planTeamAlerts } from './plan-team-alerts'

const now = new Date('2025-03-11T00:00:00Z')
const daily = new Map([['2025-03-10', new Decimal('85')]])

function plan(budget: string | null, extra: Partial<Parameters<typeof planTeamAlerts>[0]> = {}) {
  const evaluation = evaluateBudget({ monthlyBudget: budget === null ? null : new Decimal(budget), alertThresholds: [50, 80, 100] }, daily, now)
  return planTeamAlerts({ teamId: 7, teamSlug: 'search', today: '2025-03-11', evaluation, anomalies: [], unpricedModels: [], ...extra })
}

describe('planTeamAlerts', () => {
  it('one alert per threshold crossed, both when spend jumps past two at once, plus the forecast warning', () => {
    const drafts = plan('100')
    expect(drafts.map((d) => d.dedupeKey)).toEqual(['budget:7:2025-03:50', 'budget:7:2025-03:80', 'forecast:7:2025-03'])
    expect(drafts[1]).toMatchObject({ kind: 'budget_threshold', data: { threshold: 80, spent_usd: '85', budget_usd: '100', percent: 85 } })
    expect(drafts[1]?.message).toBe("Team 'search' has spent $85.00 of its $100.00 budget for 2025-03 (85%): past the 80% alert threshold.")
  })

  it('the same facts plan the same keys (what makes re-runs create nothing)', () => {
    expect(plan('100').map((d) => d.dedupeKey)).toEqual(plan('100').map((d) => d.dedupeKey))
  })

  it('no budget alerts without a budget; anomaly per day and unpriced per model per month', () => {
    const drafts = plan(null, {
      anomalies: [{ day: '2025-03-11', spend: new Decimal(9), baselineMedian: new Decimal(1), baselineFrom: '2025-02-25', baselineTo: '2025-03-10' }],
      unpricedModels: [{ model: 'my-finetune', unpricedCalls: '12' }],
    })
    expect(drafts.map((d) => [d.kind, d.dedupeKey])).toEqual([
      ['anomaly', 'anomaly:7:2025-03-11'],
      ['unpriced_model', 'unpriced:7:2025-03:my-finetune'],
    ])
    expect(drafts[0]?.message).toContain('on 2025-03-11 so far')
  })
})
