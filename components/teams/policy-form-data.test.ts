import { describe, expect, it } from 'vitest'
import { parseThresholds, policyFormToInput } from './policy-form-data'

describe('parseThresholds', () => {
  it.each([
    ['50, 80, 100', [50, 80, 100]],
    ['50;80 100%', [50, 80, 100]],
    ['', []],
    ['  ', []],
    ['12.5', [12.5]],
    ['ten', [Number.NaN]],
    ['-5', [-5]],
  ])('%j → %j', (text, want) => expect(parseThresholds(text)).toEqual(want))
})

describe('policyFormToInput', () => {
  it('reads the lists, the per-task defaults, the numbers as text and the checkbox', () => {
    const fd = new FormData()
    for (const [k, v] of [
      ['allowedModels', ' gpt-4o '],
      ['allowedModels', ''],
      ['blockedModels', 'o1'],
      ['localDataClasses', 'restricted'],
      ['default.chat', 'gpt-4o-mini'],
      ['default.code', '  '],
      ['maxPricePer1M', ' 10 '],
      ['monthlyBudget', '2500'],
      ['alertThresholds', '50, 90'],
      ['webhookUrl', ' https://hooks.example.com/x '],
      ['critical', 'on'],
    ]) fd.append(k as string, v as string)
    expect(policyFormToInput(fd)).toEqual({
      allowedModels: ['gpt-4o'],
      blockedModels: ['o1'],
      localDataClasses: ['restricted'],
      defaultModels: { chat: 'gpt-4o-mini' },
      maxPricePer1M: '10',
      monthlyBudget: '2500',
      alertThresholds: [50, 90],
      webhookUrl: 'https://hooks.example.com/x',
      critical: true,
    })
  })

  it('an empty form is the empty policy', () => {
    expect(policyFormToInput(new FormData())).toEqual({
      allowedModels: [],
      blockedModels: [],
      localDataClasses: [],
      defaultModels: {},
      maxPricePer1M: '',
      monthlyBudget: '',
      alertThresholds: [],
      webhookUrl: '',
      critical: false,
    })
  })
})
