import { describe, expect, it } from 'vitest'
import type { SpendRow } from './query-spend'
import { monthSeries, trendMonths } from './load-month-trend'

const row = (month: string, model: string, cost: string | null): SpendRow =>
  ({ month, model, cost_usd: cost, calls: 1, input_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0, output_tokens: 0, reasoning_tokens: 0, unpriced_calls: cost === null ? 1 : 0, flagged_calls: 0, potential_saving_usd: '0' })

describe('trendMonths', () => {
  it('spans the range, reaching back to at least the minimum', () => {
    expect(trendMonths('2026-12-01', '2026-12-07', 3)).toEqual(['2026-10', '2026-11', '2026-12'])
    expect(trendMonths('2026-01-01', '2026-04-30', 3)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04'])
    expect(trendMonths('2025-11-15', '2026-01-10', 1)).toEqual(['2025-11', '2025-12', '2026-01'])
  })
})

describe('monthSeries', () => {
  it('one row per month (empty months at 0), top keys by total, the rest as Other, unpriced left out', () => {
    const rows = [row('2026-11', 'a', '5'), row('2026-11', 'b', '1'), row('2026-12', 'a', '2'), row('2026-12', 'c', '0.5'), row('2026-12', 'd', null)]
    expect(monthSeries(rows, 'model', ['2026-10', '2026-11', '2026-12'], 1)).toEqual({
      categories: ['a', 'Other'],
      data: [
        { month: '2026-10', a: 0, Other: 0 },
        { month: '2026-11', a: 5, Other: 1 },
        { month: '2026-12', a: 2, Other: 0.5 },
      ],
    })
  })
})
