import { describe, expect, it } from 'vitest'
import { AppError } from '@/lib/errors'
import { parseSpendParams } from './parse-spend-params'

const now = new Date('2025-03-11T08:00:00Z')
const parse = (qs: string) => parseSpendParams(new URLSearchParams(qs), now)

describe('parseSpendParams', () => {
  it('defaults to the current UTC month to date, ungrouped', () => {
    expect(parse('')).toEqual({ from: '2025-03-01', to: '2025-03-11', groupBy: [] })
  })

  it('reads comma-separated and repeated lists, dropping blanks', () => {
    expect(parse('from=2025-01-01&to=2025-01-31&group_by=team,model&group_by=day,&team=a,b&model=gpt-4o&route=moe,dense')).toEqual({
      from: '2025-01-01',
      to: '2025-01-31',
      groupBy: ['team', 'model', 'day'],
      teamSlugs: ['a', 'b'],
      modelKeys: ['gpt-4o'],
      routes: ['moe', 'dense'],
    })
  })

  it('refuses unknown parameters by name, so a typo never returns unfiltered data', () => {
    let err: unknown
    try {
      parse('groupby=team&teams=x&from=2025-01-01')
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).status).toBe(422)
    expect((err as AppError).message).toMatch(/'groupby', 'teams'/)
  })

  it('refuses a repeated single-valued parameter', () => {
    expect(() => parse('from=2025-01-01&from=2025-02-01')).toThrow(/from may be given once/)
  })
})
