import { describe, expect, it } from 'vitest'
import { Decimal } from '@/lib/pricing/decimal'
import { forecastMonthSpend } from './forecast-month-spend'

const costs = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([d, c]) => [d, new Decimal(c)]))

describe('forecastMonthSpend', () => {
  it('uses the last 7 complete days once the month has them', () => {
    const daily = costs({ '2025-03-01': '10', '2025-03-02': '10', '2025-03-03': '10' })
    for (let d = 4; d <= 10; d++) daily.set(`2025-03-${String(d).padStart(2, '0')}`, new Decimal(20))
    const f = forecastMonthSpend(daily, new Date('2025-03-11T00:00:00Z'))
    // 170 so far + 20/day × 21 days left
    expect(f.monthToDate.toFixed()).toBe('170')
    expect(f.dailyRate.toFixed()).toBe('20')
    expect(f.window).toEqual({ from: '2025-03-04', to: '2025-03-10', days: 7 })
    expect(f.remainingDays.toFixed()).toBe('21')
    expect(f.forecast.toFixed()).toBe('590')
    expect(f.method).toContain('7 complete day(s) 2025-03-04..2025-03-10 ($20/day) × 21 day(s) left in 2025-03')
  })

  it('uses the month so far when it has fewer than 7 complete days, and counts the rest of today', () => {
    // Today's partial $5 is in month-to-date but not in the rate (it would drag the mean down).
    const f = forecastMonthSpend(costs({ '2025-02-28': '100', '2025-03-01': '4', '2025-03-02': '6', '2025-03-03': '5' }), new Date('2025-03-03T12:00:00Z'))
    expect(f.window).toEqual({ from: '2025-03-01', to: '2025-03-02', days: 2 })
    expect(f.remainingDays.toFixed()).toBe('28.5')
    expect(f.forecast.toFixed()).toBe('157.5') // 15 + 5 × 28.5
  })

  it('on the 1st falls back to the last 7 days of the previous month, which never count as spent', () => {
    const daily = costs({ '2025-03-01': '2' })
    for (let d = 22; d <= 28; d++) daily.set(`2025-02-${d}`, new Decimal(7))
    daily.set('2025-02-21', new Decimal(1000))
    const f = forecastMonthSpend(daily, new Date('2025-03-01T06:00:00Z'))
    expect(f.monthToDate.toFixed()).toBe('2')
    expect(f.window).toEqual({ from: '2025-02-22', to: '2025-02-28', days: 7 })
    expect(f.forecast.toFixed()).toBe('217.25') // 2 + 7 × 30.75
  })

  it('counts days without rollups as $0 and forecasts month-to-date for a silent team', () => {
    const f = forecastMonthSpend(costs({ '2025-03-09': '14' }), new Date('2025-03-11T00:00:00Z'))
    expect(f.dailyRate.toFixed()).toBe('2')
    expect(forecastMonthSpend(new Map(), new Date('2025-03-11T00:00:00Z')).forecast.toFixed()).toBe('0')
  })
})
