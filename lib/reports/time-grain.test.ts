import { describe, expect, it } from 'vitest'
import { bucketOfDay, parseTimeGrain, regroupSeries } from './time-grain'

describe('time grains', () => {
  it.each([
    ['2026-12-07', 'week', '2026-12-07'], // a Monday
    ['2026-12-06', 'week', '2026-11-30'], // a Sunday
    ['2026-01-01', 'week', '2025-12-29'],
    ['2026-12-06', 'month', '2026-12'],
    ['2026-12-06', 'day', '2026-12-06'],
  ] as const)('%s by %s → %s', (day, grain, bucket) => {
    expect(bucketOfDay(day, grain)).toBe(bucket)
  })

  it('regroups a daily series, summing each column', () => {
    const rows = [
      { d: '2026-11-29', a: 1, b: 2 },
      { d: '2026-11-30', a: 3, b: 0 },
      { d: '2026-12-01', a: 5, b: 1 },
    ]
    expect(regroupSeries(rows, 'd', 'month')).toEqual([{ d: '2026-11', a: 4, b: 2 }, { d: '2026-12', a: 5, b: 1 }])
    expect(regroupSeries(rows, 'd', 'week')).toEqual([{ d: '2026-11-23', a: 1, b: 2 }, { d: '2026-11-30', a: 8, b: 1 }])
  })

  it('reads only known grains', () => {
    expect(parseTimeGrain('week')).toBe('week')
    expect(parseTimeGrain('year')).toBe('day')
    expect(parseTimeGrain(undefined)).toBe('day')
  })
})
