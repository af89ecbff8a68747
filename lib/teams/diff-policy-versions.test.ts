import { describe, expect, it } from 'vitest'
import type { TeamPolicyView } from '@/lib/policy/team-policy-view'
import { diffPolicyVersions } from './diff-policy-versions'

const base: TeamPolicyView = {
  teamId: 1,
  version: 1,
  allowedModels: [],
  blockedModels: ['grok-2'],
  localDataClasses: ['restricted'],
  defaultModels: { chat: 'deepseek-v3' },
  maxPricePer1k: '0.004',
  monthlyBudget: '100',
  alertThresholds: [50, 80, 100],
  webhookUrl: null,
  critical: false,
  createdById: null,
  createdAt: '2026-11-01T00:00:00.000Z',
}

describe('diffPolicyVersions', () => {
  it('lists only the fields that changed, with before and after', () => {
    const next = { ...base, version: 2, monthlyBudget: '250', defaultModels: { chat: 'deepseek-v3', code: 'gpt-4o' }, critical: true }
    expect(diffPolicyVersions(base, next)).toEqual([
      { field: 'Default models', before: 'chat=deepseek-v3', after: 'chat=deepseek-v3, code=gpt-4o' },
      { field: 'Monthly budget', before: '100', after: '250' },
      { field: 'Critical', before: 'no', after: 'yes' },
    ])
  })

  it('shows the price cap per 1M tokens, exactly, though it is stored per 1K', () => {
    expect(diffPolicyVersions(base, { ...base, version: 2, maxPricePer1k: '0.000075' })).toEqual([{ field: 'Max $ per 1M input tokens', before: '4', after: '0.075' }])
    expect(diffPolicyVersions(base, { ...base, version: 2, maxPricePer1k: null })).toEqual([{ field: 'Max $ per 1M input tokens', before: '4', after: '—' }])
  })

  it('reports no change for an identical save', () => {
    expect(diffPolicyVersions(base, { ...base, version: 2 })).toEqual([])
  })

  it('shows the fields set by a first version', () => {
    const changes = diffPolicyVersions(null, base)
    expect(changes.map((c) => c.field)).toEqual(['Blocked models', 'Must stay local', 'Default models', 'Max $ per 1M input tokens', 'Monthly budget', 'Alert thresholds'])
    expect(changes.every((c) => c.before === '—')).toBe(true)
  })
})
