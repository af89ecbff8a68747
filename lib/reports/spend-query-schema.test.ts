import { describe, expect, it } from 'vitest'
import { describeSpendQueryError, spendQuerySchema } from './spend-query-schema'

const base = { from: '2025-01-01', to: '2025-01-31', groupBy: ['team'], teamIds: 'all' as const }

function problems(input: unknown): string {
  const parsed = spendQuerySchema.safeParse(input)
  if (parsed.success) return ''
  return describeSpendQueryError(parsed.error)
}

describe('spendQuerySchema', () => {
  it('accepts a valid query and drops repeated group keys, keeping the order asked for', () => {
    const parsed = spendQuerySchema.parse({ ...base, groupBy: ['model', 'team', 'model'] })
    expect(parsed.groupBy).toEqual(['model', 'team'])
  })

  it.each([
    [{ from: '2025-02-30' }, /from must be a real calendar day.*'2025-02-30'/],
    [{ to: '31/01/2025' }, /to must be a real calendar day/],
    [{ from: '2025-02-01', to: '2025-01-31' }, /from \(2025-02-01\) must not be after to \(2025-01-31\)/],
    [{ from: '2024-01-01', to: '2025-02-04' }, /401 days; at most 400/],
    [{ groupBy: ['team', 'weekday'] }, /unknown group_by value 'weekday' \(allowed: team, model, route, day, month\)/],
    [{ routes: ['mixture'] }, /unknown route 'mixture'/],
    [{ teamIds: 'some' }, /teamIds must be 'all' or a list/],
  ])('refuses %j with a message that names the field', (patch, message) => {
    expect(problems({ ...base, ...patch })).toMatch(message)
  })

  it('accepts exactly 400 days', () => {
    expect(problems({ ...base, from: '2024-01-01', to: '2025-02-03' })).toBe('')
  })
})
