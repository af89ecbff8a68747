import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { tokenBuckets as b } from '@/lib/usage/test-fixtures'
import type { TokenBuckets } from '@/lib/usage/token-buckets'
import { calculateCost } from './calculate-cost'
import { Decimal } from './decimal'
import { rates } from './test-fixtures'

// Rates: input 2.5, cache read 1.25, cache write 3.125, output 10, reasoning 12 (USD / 1M tokens).
const full = rates({ input: '2.5', cacheRead: '1.25', cacheWrite: '3.125', output: '10', reasoning: '12' })
// Same model without bucket-specific rates: cache falls back to input, reasoning to output.
const bare = rates({ input: '2.5', output: '10' })

const cases: [name: string, buckets: TokenBuckets, rates: typeof full, expected: string][] = [
  ['nothing', b(0, 0, 0, 0, 0), full, '0'],
  ['input only', b(1_000_000, 0, 0, 0, 0), full, '2.5'],
  ['cache read at its own rate', b(0, 1_000_000, 0, 0, 0), full, '1.25'],
  ['cache write at its own rate', b(0, 0, 1_000_000, 0, 0), full, '3.125'],
  ['output only', b(0, 0, 0, 1_000_000, 0), full, '10'],
  ['reasoning at its own rate', b(0, 0, 0, 0, 1_000_000), full, '12'],
  ['cache read falls back to input', b(0, 400, 0, 0, 0), bare, '0.001'],
  ['cache write falls back to input', b(0, 0, 400, 0, 0), bare, '0.001'],
  ['reasoning falls back to output', b(0, 0, 0, 0, 300), bare, '0.003'],
  // 400·2.5 + 600·1.25 + 0 + 300·10 + 200·12 = 1000 + 750 + 3000 + 2400 = 7150 → /1e6
  ['every bucket', b(400, 600, 0, 300, 200), full, '0.00715'],
  // 1·2.5 + 2·1.25 + 3·3.125 + 4·10 + 5·12 = 2.5 + 2.5 + 9.375 + 40 + 60 = 114.375 → /1e6
  ['one of each, all rates', b(1, 2, 3, 4, 5), full, '0.000114375'],
  // same with fallbacks: 1·2.5 + 2·2.5 + 3·2.5 + 4·10 + 5·10 = 2.5 + 5 + 7.5 + 40 + 50 = 105
  ['one of each, fallbacks', b(1, 2, 3, 4, 5), bare, '0.000105'],
  ['one token at the smallest NUMERIC(20,9) rate', b(1, 0, 0, 0, 0), rates({ input: '0.000000001' }), '0.000000000000001'],
  [
    'the largest counts at a 9-decimal rate stay exact',
    b(1_000_000_000, 0, 0, 1_000_000_000, 0),
    rates({ input: '12345.678901234', output: '0.000000007' }),
    '12345678.901241',
  ],
  ['explicit zero price is zero, not a fallback', b(5, 5, 5, 5, 5), rates({ input: '0', output: '0', cacheRead: '0', reasoning: '0' }), '0'],
  ['zero cache-read rate does not fall back to input', b(0, 1_000_000, 0, 0, 0), rates({ input: '3', cacheRead: '0' }), '0'],
]

describe('calculateCost', () => {
  it.each(cases)('%s', (_name, buckets, p, expected) => {
    expect(calculateCost(buckets, p).toFixed()).toBe(expected)
  })

  it('sums a million 1-token costs at $0.15/1M to exactly 0.15', () => {
    const p = rates({ input: '0.15' })
    const one = b(1, 0, 0, 0, 0)
    let total = new Decimal(0)
    for (let i = 0; i < 1_000_000; i++) total = total.plus(calculateCost(one, p))
    expect(total.toFixed()).toBe('0.15')
    // The float path this guards against does drift.
    let float = 0
    for (let i = 0; i < 1_000_000; i++) float += 0.15 / 1_000_000
    expect(float).not.toBe(0.15)
  }, 60_000)

  it('matches plain Decimal arithmetic on random buckets and 9-decimal rates', () => {
    const count = fc.integer({ min: 0, max: 1_000_000_000 })
    const rate = fc.bigInt({ min: 0n, max: 10n ** 20n - 1n }).map((n) => new Decimal(n.toString()).dividedBy(1e9).toFixed())
    fc.assert(
      fc.property(fc.tuple(count, count, count, count, count), fc.tuple(rate, rate, fc.option(rate), fc.option(rate), fc.option(rate)), (c, r) => {
        const p = rates({ input: r[0], output: r[1], cacheRead: r[2], cacheWrite: r[3], reasoning: r[4] })
        const buckets = b(...c)
        const expected = new Decimal(c[0])
          .times(r[0])
          .plus(new Decimal(c[1]).times(r[2] ?? r[0]))
          .plus(new Decimal(c[2]).times(r[3] ?? r[0]))
          .plus(new Decimal(c[3]).times(r[1]))
          .plus(new Decimal(c[4]).times(r[4] ?? r[1]))
          .dividedBy(1_000_000)
        expect(calculateCost(buckets, p).equals(expected)).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  it('prices a rate finer than 9 decimals exactly too (derived infrastructure prices)', () => {
    // 3 · 0.0000000001 + 0 → 3e-10 / 1e6
    expect(calculateCost(b(3, 0, 0, 0, 0), rates({ input: '0.0000000001' })).toFixed()).toBe('0.0000000000000003')
  })

  it('refuses fractional token counts', () => {
    expect(() => calculateCost(b(1.5, 0, 0, 0, 0), full)).toThrow()
  })
})
