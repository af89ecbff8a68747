import { describe, expect, it } from 'vitest'
import { knownCost } from './known-cost'

describe('knownCost', () => {
  it.each([
    [{ calls: 549, unpricedCalls: 549, cost: '0' }, null],
    [{ calls: 10, unpricedCalls: 3, cost: '1.25' }, '1.25'],
    [{ calls: 0, unpricedCalls: 0, cost: '0' }, '0'],
    [{ calls: '9007199254740993', unpricedCalls: '9007199254740993', cost: '0' }, null],
  ])('%o → %s', (counts, want) => {
    expect(knownCost(counts)).toBe(want)
  })
})
