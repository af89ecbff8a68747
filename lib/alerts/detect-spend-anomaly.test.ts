import { describe, expect, it } from 'vitest'
import { Decimal } from '@/lib/pricing/decimal'
import { addUtcDays } from '@/lib/time/utc-days'
import { detectSpendAnomaly } from './detect-spend-anomaly'

const day = '2025-03-20'
function history(values: (string | null)[], today: string): Map<string, Decimal> {
  // values[0] is 14 days before `day`, values[13] the day before.
  const m = new Map<string, Decimal>()
  values.forEach((v, i) => v !== null && m.set(addUtcDays(day, i - 14), new Decimal(v)))
  m.set(day, new Decimal(today))
  return m
}
const flat = (v: string) => Array.from({ length: 14 }, () => v)

describe('detectSpendAnomaly', () => {
  it.each([
    ['exactly 3× the median is not an anomaly', flat('2'), '6', false],
    ['just over 3× is', flat('2'), '6.01', true],
    ['below the $1 floor never is, even from nothing', flat('0'), '0.99', false],
    ['from nothing to $1 is', Array.from({ length: 14 }, () => null), '1', true],
    ['one spike in the baseline does not hide the next', [...flat('2').slice(0, 13), '500'], '7', true],
    ['mostly idle days: the median is $0', ['5', '5', '5', ...Array.from({ length: 11 }, () => null)], '1.5', true],
  ])('%s', (_name, baseline, spend, anomalous) => {
    expect(detectSpendAnomaly(history(baseline, spend), day) !== null).toBe(anomalous)
  })

  it('reports the baseline it compared against (median of an even count = mean of the middle two)', () => {
    const a = detectSpendAnomaly(history(Array.from({ length: 14 }, (_, i) => String(i + 1)), '30'), day)
    expect(a).toMatchObject({ day, baselineFrom: '2025-03-06', baselineTo: '2025-03-19' })
    expect(a?.baselineMedian.toFixed()).toBe('7.5')
  })
})
