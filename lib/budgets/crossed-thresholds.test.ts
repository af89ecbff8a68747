import { describe, expect, it } from 'vitest'
import { Decimal } from '@/lib/pricing/decimal'
import { crossedThresholds } from './crossed-thresholds'

const t = [50, 80, 100]

describe('crossedThresholds', () => {
  it.each([
    ['49.99', '100', t, []],
    ['50', '100', t, [50]],
    ['85', '100', t, [50, 80]],
    ['100', '100', t, [50, 80, 100]],
    ['1000', '100', t, [50, 80, 100]],
    ['79.999999999999999', '100', t, [50]],
    ['0', '100', t, []],
    ['0', '0', t, []],
    ['0.01', '0', t, [50, 80, 100]],
    ['160', '100', [150, 100, 50, 50, 0, -5], [50, 100, 150]],
  ])('spent %s of %s with %j → %j', (spent, budget, thresholds, expected) => {
    expect(crossedThresholds(new Decimal(spent), new Decimal(budget), thresholds)).toEqual(expected)
  })
})
