import { describe, expect, it } from 'vitest'
import { comparisonPeriod, periodCoverage } from './comparison-period'

describe('comparisonPeriod', () => {
  it.each([
    // month to date: the 7 days before, not Nov 1–7
    ['2026-12-01', '2026-12-07', '2026-11-24', '2026-11-30', 'the 7 days before'],
    // a range across months never overlaps its comparison
    ['2026-10-01', '2026-12-07', '2026-07-25', '2026-09-30', 'the 68 days before'],
    ['2026-11-01', '2026-11-30', '2026-10-01', '2026-10-31', 'the previous month'],
    ['2024-03-01', '2024-03-31', '2024-02-01', '2024-02-29', 'the previous month'],
    ['2026-10-01', '2026-12-31', '2026-07-01', '2026-09-30', 'the previous 3 months'],
    ['2026-01-01', '2026-01-31', '2025-12-01', '2025-12-31', 'the previous month'],
    ['2026-05-31', '2026-05-31', '2026-05-30', '2026-05-30', 'the day before'],
  ])('%s..%s → %s..%s (%s)', (from, to, prevFrom, prevTo, label) => {
    expect(comparisonPeriod({ from, to })).toEqual({ from: prevFrom, to: prevTo, label })
  })

  it('refuses a non-day or a reversed range', () => {
    expect(() => comparisonPeriod({ from: '2026-02-30', to: '2026-03-01' })).toThrow(RangeError)
    expect(() => comparisonPeriod({ from: '2026-03-02', to: '2026-03-01' })).toThrow(RangeError)
  })
})

describe('periodCoverage', () => {
  const oct = { from: '2026-10-01', to: '2026-10-31' }
  it.each([
    [null, 'none'],
    ['2026-11-02', 'none'],
    ['2026-10-09', 'partial'],
    ['2026-10-01', 'full'],
    ['2025-01-01', 'full'],
  ] as const)('data from %s → %s', (dataFrom, want) => {
    expect(periodCoverage(oct, dataFrom)).toBe(want)
  })
})
