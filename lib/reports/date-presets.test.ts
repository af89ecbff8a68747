import { describe, expect, it } from 'vitest'
import { datePresetRange, matchDatePreset } from './date-presets'

const now = new Date('2026-12-07T10:00:00Z')

describe('datePresetRange', () => {
  it.each([
    ['month', '2026-12-01', '2026-12-07'],
    ['last-month', '2026-11-01', '2026-11-30'],
    ['30d', '2026-11-08', '2026-12-07'],
    ['90d', '2026-09-09', '2026-12-07'],
    ['quarter', '2026-10-01', '2026-12-07'],
    ['year', '2026-01-01', '2026-12-07'],
  ] as const)('%s → %s..%s', (key, from, to) => {
    expect(datePresetRange(key, now)).toEqual({ from, to })
  })

  it('last month in January is December of the year before; the first quarter starts on 1 January', () => {
    const jan = new Date('2027-01-15T00:00:00Z')
    expect(datePresetRange('last-month', jan)).toEqual({ from: '2026-12-01', to: '2026-12-31' })
    expect(datePresetRange('quarter', jan)).toEqual({ from: '2027-01-01', to: '2027-01-15' })
  })

  it('recognises a preset range, and nothing else', () => {
    expect(matchDatePreset({ from: '2026-10-01', to: '2026-12-07' }, now)).toBe('quarter')
    expect(matchDatePreset({ from: '2026-10-02', to: '2026-12-07' }, now)).toBeNull()
  })
})
