import { describe, expect, it } from 'vitest'
import { advicePeriodRange, whatIfWindow, type AdvicePeriod } from './advice-windows'

const NOW = new Date('2026-03-01T05:30:00Z')

describe('advicePeriodRange', () => {
  it.each([
    ['month', { from: '2026-03-01', to: '2026-03-01' }],
    ['last-month', { from: '2026-02-01', to: '2026-02-28' }],
    ['30d', { from: '2026-01-31', to: '2026-03-01' }],
    ['90d', { from: '2025-12-02', to: '2026-03-01' }],
  ] as [AdvicePeriod, { from: string; to: string }][])('%s', (period, range) => {
    expect(advicePeriodRange(period, NOW)).toEqual(range)
  })

  it('last month across a year boundary', () => {
    expect(advicePeriodRange('last-month', new Date('2027-01-15T00:00:00Z'))).toEqual({ from: '2026-12-01', to: '2026-12-31' })
  })
})

describe('whatIfWindow', () => {
  it('is whole UTC days ending today, with "now" at the start of tomorrow', () => {
    const w = whatIfWindow(30, NOW)
    expect(w).toMatchObject({ from: '2026-01-31', to: '2026-03-01' })
    expect(w.end.toISOString()).toBe('2026-03-02T00:00:00.000Z')
    // whatIf reads [end − days, end): exactly the days from..to.
    expect(new Date(w.end.getTime() - 30 * 86_400_000).toISOString()).toBe('2026-01-31T00:00:00.000Z')
  })

  it('one day is today only', () => {
    expect(whatIfWindow(1, NOW)).toMatchObject({ from: '2026-03-01', to: '2026-03-01' })
  })
})
