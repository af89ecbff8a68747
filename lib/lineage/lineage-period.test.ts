import { describe, expect, it } from 'vitest'
import { parseLineagePeriod } from './lineage-period'

const now = new Date('2026-12-07T10:00:00Z')

describe('parseLineagePeriod', () => {
  it('defaults to the last three UTC months up to today', () => {
    expect(parseLineagePeriod({}, now)).toEqual({ from: '2026-10-01', to: '2026-12-07', error: null })
    expect(parseLineagePeriod({}, new Date('2027-01-31T00:00:00Z')).from).toBe('2026-11-01')
  })

  it('keeps what was typed and says what is wrong with it', () => {
    expect(parseLineagePeriod({ from: '2026-11-31', to: '2026-12-01' }, now)).toEqual({
      from: '2026-11-31',
      to: '2026-12-01',
      error: "from must be a real calendar day as YYYY-MM-DD (got '2026-11-31')",
    })
    expect(parseLineagePeriod({ from: '2026-12-05', to: '2026-12-01' }, now).error).toBe('from (2026-12-05) must not be after to (2026-12-01)')
  })
})
