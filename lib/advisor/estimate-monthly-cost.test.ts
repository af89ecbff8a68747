import { describe, expect, it } from 'vitest'
import { rates } from '@/lib/pricing/test-fixtures'
import { estimateMonthlyCost, type MonthlyVolume } from './estimate-monthly-cost'

const v = (requests: number, inputTokens: number, outputTokens: number): MonthlyVolume => ({ requests, inputTokens, outputTokens })

// Rates are USD per 1M tokens.
const cases: [name: string, volume: MonthlyVolume, input: string, output: string, expected: string][] = [
  ['GPT-4o at the document price, default volume', v(100_000, 1_000, 300), '5', '5', '650'],
  ['different input and output rates', v(100_000, 1_000, 300), '2.5', '10', '550'],
  ['sub-cent per request stays exact', v(3, 7, 11), '0.075', '0.3', '0.000011475'],
  ['a local model priced 0 costs 0 (a real price)', v(1_000_000, 2_000, 500), '0', '0', '0'],
  ['no tokens', v(100_000, 0, 0), '5', '15', '0'],
  ['large volume, no float drift', v(9_999_999_999, 999_999, 1), '0.000000001', '0.000000003', '10.000019998999998'],
]

describe('estimateMonthlyCost', () => {
  it.each(cases)('%s', (_name, volume, input, output, expected) => {
    expect(estimateMonthlyCost(volume, rates({ input, output })).toFixed()).toBe(expected)
  })
})
