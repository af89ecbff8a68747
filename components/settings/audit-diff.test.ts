import { describe, expect, it } from 'vitest'
import { auditDiff } from './audit-diff'

describe('auditDiff', () => {
  it('lists only the keys that changed', () => {
    expect(auditDiff({ version: 1, critical: false, monthlyBudget: '100' }, { version: 2, critical: false, monthlyBudget: '250' })).toEqual([
      { key: 'version', kind: 'changed', before: '1', after: '2' },
      { key: 'monthlyBudget', kind: 'changed', before: '100', after: '250' },
    ])
  })

  it('shows the policy price cap per 1M tokens, exactly, though the row stores it per 1K', () => {
    expect(auditDiff({ maxPricePer1k: '0.004' }, { maxPricePer1k: '0.000075' })).toEqual([{ key: 'maxPricePer1M', kind: 'changed', before: '4', after: '0.075' }])
    expect(auditDiff({ maxPricePer1k: null }, { maxPricePer1k: '0.0025' })).toEqual([{ key: 'maxPricePer1M', kind: 'changed', before: 'null', after: '2.5' }])
  })
})
