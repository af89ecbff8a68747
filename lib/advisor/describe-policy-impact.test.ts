import { describe, expect, it } from 'vitest'
import { describePolicyImpact, ruleAction } from './describe-policy-impact'
import type { WhatIfReport } from './what-if'

const numbers = { calls: 200, moved_calls: 130, spend_before: '100', spend_after: '60', saving: '40', unpriced_calls_before: 0, unpriced_calls_after: 0, saving_unknown_calls: 5 }
const move = (from_model: string, to_model: string, rule: string, calls: number, saving: string, unknown = 0) => ({
  team_id: 1,
  team: 'search',
  from_model,
  to_model,
  rule,
  calls,
  cost_before: '0',
  cost_after: '0',
  unpriced_calls_after: 0,
  saving,
  saving_unknown_calls: unknown,
})

const report: WhatIfReport = {
  mode: 'policy',
  from: '2026-11-07T00:00:00.000Z',
  to: '2026-12-07T00:00:00.000Z',
  days: 30,
  totals: numbers,
  by_team: [],
  by_model: [],
  moves: [
    move('gpt-4o', 'deepseek-v3', 'policy.blocked-model', 100, '30.5'),
    move('o1', 'deepseek-r1', 'policy.over-price-cap', 2, '9.5'),
    move('gpt-4o', 'llama-3.1-70b', 'policy.blocked-model', 28, '-0.25', 5),
  ],
  target: null,
}

describe('describePolicyImpact', () => {
  it('groups the moves by rule and model: share of the team’s calls, destinations, exact spend change', () => {
    expect(describePolicyImpact(report)).toEqual({
      calls: 200,
      movedCalls: 130,
      spendBefore: '100',
      spendAfter: '60',
      target: null,
      lines: [
        {
          rule: 'policy.blocked-model',
          fromModel: 'gpt-4o',
          calls: 128,
          sharePercent: 64,
          toModels: [
            { model: 'deepseek-v3', calls: 100 },
            { model: 'llama-3.1-70b', calls: 28 },
          ],
          spendChange: '-30.25',
          unknownCalls: 5,
        },
        { rule: 'policy.over-price-cap', fromModel: 'o1', calls: 2, sharePercent: 1, toModels: [{ model: 'deepseek-r1', calls: 2 }], spendChange: '-9.5', unknownCalls: 0 },
      ],
    })
  })

  it('has no share for a team without calls', () => {
    expect(describePolicyImpact({ ...report, totals: { ...numbers, calls: 0 }, moves: [move('a', 'b', 'policy.not-allowed', 0, '0')] }).lines[0]?.sharePercent).toBeNull()
  })

  it('names what the rule does', () => {
    expect(ruleAction('policy.blocked-model', 'gpt-4o')).toBe('Blocking gpt-4o')
  })
})
