import { describe, expect, it } from 'vitest'
import { parseAdviceFilters, parseWhatIfParams, withParams } from './advice-params'

describe('parseAdviceFilters', () => {
  it.each([
    [{}, { period: 'month', team: null, rule: null, severity: null }],
    [{ period: '90d', team: 'Growth', rule: 'blocked-model', severity: 'risk' }, { period: '90d', team: 'growth', rule: 'blocked-model', severity: 'risk' }],
    [{ period: 'decade', severity: 'fatal' }, { period: 'month', team: null, rule: null, severity: null }],
    [{ period: ['30d', '90d'] }, { period: '30d', team: null, rule: null, severity: null }],
  ])('%j', (sp, want) => expect(parseAdviceFilters(sp)).toEqual(want))
})

describe('parseWhatIfParams', () => {
  it.each([
    ['nothing asked', {}, { run: false, days: 30, mode: 'advice', errors: [] }],
    ['a policy run', { wi: '1', wi_days: '7', wi_mode: 'policy', wi_team: 'Growth' }, { run: true, days: 7, mode: 'policy', team: 'growth', errors: [] }],
    ['days not offered', { wi: '1', wi_days: '45' }, { days: 30, errors: ['Days must be one of 7, 30, 90 (got 45)'] }],
    ['lists split on commas', { wi_blocked: ['o1, gpt-4o', ''], wi_allowed: 'a,,b' }, { blocked: ['o1', 'gpt-4o'], allowed: ['a', 'b'] }],
    ['per-task defaults', { wi_default_chat: 'gpt-4o-mini', wi_default_code: '' }, { defaults: { chat: 'gpt-4o-mini' } }],
  ])('%s', (_, sp, want) => expect(parseWhatIfParams(sp)).toMatchObject(want))
})

describe('withParams', () => {
  it.each([
    [{}, {}, ''],
    [{ period: '30d', team: 'a' }, { team: null }, '?period=30d'],
    [{ period: '30d' }, { rule: 'x', severity: undefined }, '?period=30d&rule=x'],
    [{ wi_blocked: ['a', 'b'] }, {}, '?wi_blocked=a&wi_blocked=b'],
    [{ team: '' }, {}, ''],
  ])('%j with %j → %s', (sp, over, want) => expect(withParams(sp, over)).toBe(want))
})
