import { describe, expect, it } from 'vitest'
import { auditDiff } from './audit-diff'

describe('auditDiff shows money as money', () => {
  it('a policy budget in dollars and cents, the per-1K price cap per 1M tokens', () => {
    const lines = auditDiff({ monthlyBudget: '1000', maxPricePer1k: '0.015', alertThresholds: [50, 80] }, { monthlyBudget: '1234.5', maxPricePer1k: '0.0025', alertThresholds: [50, 90] }, 'team_policy')
    expect(lines).toEqual([
      { key: 'monthlyBudget', kind: 'changed', before: '$1,000.00', after: '$1,234.50' },
      { key: 'maxPricePer1M', kind: 'changed', before: '$15.00/1M tokens', after: '$2.50/1M tokens' },
      { key: 'alertThresholds', kind: 'changed', before: '[50,80]', after: '[50,90]' },
    ])
  })

  it('a price version per 1M tokens, sub-cent prices kept; a month close in dollars', () => {
    expect(auditDiff(null, { model: 'gpt-4o-mini', input: '0.075', output: '0.3', cacheRead: null }, 'price_version')).toEqual([
      { key: 'model', kind: 'added', before: null, after: 'gpt-4o-mini' },
      { key: 'input', kind: 'added', before: null, after: '$0.075/1M tokens' },
      { key: 'output', kind: 'added', before: null, after: '$0.30/1M tokens' },
      { key: 'cacheRead', kind: 'added', before: null, after: 'null' },
    ])
    expect(auditDiff(null, { totalCost: '12.3456', budget: '500' }, 'month_close').map((l) => l.after)).toEqual(['$12.35', '$500.00'])
  })

  it('lists only the keys that changed', () => {
    expect(auditDiff({ version: 1, critical: false }, { version: 2, critical: false }, 'team_policy')).toEqual([{ key: 'version', kind: 'changed', before: '1', after: '2' }])
  })

  it('leaves the same keys alone on other entities, and text that is not an amount', () => {
    expect(auditDiff(null, { input: '5' }, 'bill_import')[0]?.after).toBe('5')
    expect(auditDiff(null, { monthlyBudget: 'lots' }, 'team_policy')[0]?.after).toBe('lots')
  })
})
