import { describe, expect, it } from 'vitest'
import { priceSteps } from './price-steps'

describe('priceSteps', () => {
  it('orders versions by start, drops scheduled ones and extends the last step to today', () => {
    const now = new Date('2026-12-07T12:00:00Z')
    const v = (day: string, input: string, output: string) => ({ effectiveFrom: new Date(`${day}T00:00:00Z`), input, output })
    expect(priceSteps([v('2026-10-09', '2.5', '10'), v('2025-01-04', '5', '5'), v('2027-01-01', '1', '1')], now)).toEqual([
      { day: '2025-01-04', Input: 5, Output: 5 },
      { day: '2026-10-09', Input: 2.5, Output: 10 },
      { day: '2026-12-07', Input: 2.5, Output: 10 },
    ])
    expect(priceSteps([], now)).toEqual([])
  })
})
