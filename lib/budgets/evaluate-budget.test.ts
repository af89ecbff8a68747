import { describe, expect, it } from 'vitest'
import { Decimal } from '@/lib/pricing/decimal'
import { evaluateBudget } from './evaluate-budget'

const now = new Date('2025-03-11T00:00:00Z')
const daily = new Map(Array.from({ length: 10 }, (_, i) => [`2025-03-${String(i + 1).padStart(2, '0')}`, new Decimal(10)] as const))

describe('evaluateBudget', () => {
  it('spent 100 of 150, forecast 310: 50 % crossed, forecast over budget', () => {
    const e = evaluateBudget({ monthlyBudget: new Decimal(150), alertThresholds: [100, 80, 50] }, daily, now)
    expect(e).toMatchObject({ month: '2025-03', percent: 66.67, thresholds: [50, 80, 100], thresholdsCrossed: [50], forecastOverBudget: true })
    expect(e.spent.toFixed()).toBe('100')
    expect(e.forecast.forecast.toFixed()).toBe('310')
  })

  it('no forecast warning once the budget is already spent (the threshold alert says it)', () => {
    const e = evaluateBudget({ monthlyBudget: new Decimal(90), alertThresholds: [50, 80, 100] }, daily, now)
    expect(e.thresholdsCrossed).toEqual([50, 80, 100])
    expect(e.forecastOverBudget).toBe(false)
  })

  it('without a budget: spend and forecast, no thresholds and no percent', () => {
    const e = evaluateBudget({ monthlyBudget: null, alertThresholds: [50] }, daily, now)
    expect(e).toMatchObject({ budget: null, percent: null, thresholdsCrossed: [], forecastOverBudget: false })
  })
})
