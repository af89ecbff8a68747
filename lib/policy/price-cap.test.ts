import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { capPer1kFromPer1M, capPer1MFromPer1k, priceCapHint } from './price-cap'
import { teamPolicyEditorInput, teamPolicyInput } from './schemas'

const editor = (maxPricePer1M: unknown, more: Record<string, unknown> = {}) => teamPolicyEditorInput.safeParse({ maxPricePer1M, ...more })

describe('the policy editor takes the price cap per 1M tokens and stores it per 1K', () => {
  it.each([
    ['4', '0.004'],
    [' 4 ', '0.004'],
    ['2.5', '0.0025'],
    ['0.075', '0.000075'],
    ['0.000001', '0.000000001'],
    ['0', '0'],
    ['4.000000', '0.004'],
    ['12345678901234.123456', '12345678901.234123456'],
    ['', null],
  ])('%j per 1M → %j per 1K, exactly', (typed, stored) => {
    const parsed = editor(typed)
    expect(parsed.success && parsed.data.maxPricePer1k).toBe(stored)
  })

  it.each([
    ['0.0000001', 'a 7th decimal (the column keeps 9 per 1K)'],
    ['123456789012345', '15 digits before the point'],
    ['-1', 'a minus sign'],
    ['1e3', 'an exponent'],
    ['4,5', 'a comma'],
    ['$4', 'a dollar sign'],
    ['NaN', 'not a number'],
    [0.5, 'a float'],
  ] as [unknown, string][])('refuses %j (%s) on the field, saying the unit and the precision', (typed) => {
    const parsed = editor(typed)
    expect(parsed.success).toBe(false)
    const issue = parsed.error?.issues[0]
    expect(issue?.path).toEqual(['maxPricePer1M'])
    expect(issue?.message).toBe(
      'The price cap must be a dollar amount per 1M input tokens, such as 4 or 0.075: digits only, no minus sign, at most 6 decimals and 14 digits before the point.',
    )
  })

  it('says the accepted precision in words beside the field', () => {
    expect(priceCapHint).toBe('US dollars per 1M input tokens, such as 4 or 0.075, with up to 6 decimals. Empty: no cap.')
  })

  it('reports a bad cap together with the other fields’ problems', () => {
    const parsed = editor('0.0000001', { monthlyBudget: '12.345', blockedModels: ['gpt-4o'], allowedModels: ['gpt-4o'] })
    expect(parsed.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['blockedModels', 'maxPricePer1M', 'monthlyBudget'])
  })

  it('has no per-1K field: policy files and the CLI keep that name, the form does not', () => {
    expect(teamPolicyEditorInput.safeParse({ maxPricePer1k: '0.004' }).error?.issues[0]?.code).toBe('unrecognized_keys')
    expect(teamPolicyInput.safeParse({ maxPricePer1k: '0.004' }).data?.maxPricePer1k).toBe('0.004')
  })

  it('shows any stored cap per 1M in a form that saves it back unchanged', () => {
    const per1k = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 11n - 1n }), fc.bigInt({ min: 0n, max: 10n ** 9n - 1n }))
      .map(([i, f]) => `${i}.${String(f).padStart(9, '0')}`.replace(/\.?0+$/, '') || '0')
    fc.assert(
      fc.property(per1k, (stored) => {
        const shown = capPer1MFromPer1k(stored)
        const parsed = editor(shown)
        return parsed.success && parsed.data.maxPricePer1k === capPer1kFromPer1M(shown) && capPer1kFromPer1M(shown) === stored
      }),
    )
  })
})
