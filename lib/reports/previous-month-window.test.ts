import { describe, expect, it } from 'vitest'
import { previousMonthWindow } from './previous-month-window'

describe('previousMonthWindow', () => {
  it.each([
    ['2026-11-01', '2026-11-29', '2026-10-01', '2026-10-29'],
    ['2026-03-01', '2026-03-31', '2026-02-01', '2026-02-28'],
    ['2024-03-01', '2024-03-31', '2024-02-01', '2024-02-29'],
    ['2026-01-01', '2026-01-15', '2025-12-01', '2025-12-15'],
    ['2026-05-31', '2026-05-31', '2026-04-30', '2026-04-30'],
  ])('%s..%s → %s..%s', (from, to, prevFrom, prevTo) => {
    expect(previousMonthWindow({ from, to })).toEqual({ from: prevFrom, to: prevTo })
  })

  it('refuses a non-day', () => {
    expect(() => previousMonthWindow({ from: '2026-02-30', to: '2026-03-01' })).toThrow(RangeError)
  })
})
