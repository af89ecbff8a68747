import { describe, expect, it } from 'vitest'
import { addMonthsUtc, monthsToEnsure, monthStartUtc, usagePartitionName, usageRetentionCutoff } from './usage-partition-months'
import { toUtcDay } from '@/lib/time/utc-days'

const at = (iso: string) => new Date(iso)

describe('usage partition months', () => {
  it.each([
    ['2026-11-29T07:00:00Z', 'usage_events_p202611'],
    ['2026-12-31T23:59:59.999Z', 'usage_events_p202612'],
    ['2027-01-01T00:00:00Z', 'usage_events_p202701'],
    // 23:30 in New York on Jan 31 is already February in UTC: names follow UTC only.
    ['2027-01-31T23:30:00-05:00', 'usage_events_p202702'],
  ])('%s lies in %s', (iso, name) => {
    expect(usagePartitionName(at(iso))).toBe(name)
  })

  it('adds months across year ends and from any day of the month', () => {
    expect(addMonthsUtc(at('2026-11-29T07:00:00Z'), 3).toISOString()).toBe('2027-02-01T00:00:00.000Z')
    expect(addMonthsUtc(at('2026-01-31T00:00:00Z'), -13).toISOString()).toBe('2024-12-01T00:00:00.000Z')
    expect(monthStartUtc(at('2026-03-31T23:59:59Z')).toISOString()).toBe('2026-03-01T00:00:00.000Z')
    expect(toUtcDay(at('2026-03-31T23:59:59Z'))).toBe('2026-03-31')
  })

  it('keeps every event younger than the retention, in whole months', () => {
    const now = at('2026-11-29T07:00:00Z')
    const cutoff = usageRetentionCutoff(now, 13)
    expect(cutoff.toISOString()).toBe('2025-10-01T00:00:00.000Z')
    // Exactly 13 months back is kept; the month before it may go.
    expect(at('2025-10-29T07:00:00Z').getTime()).toBeGreaterThanOrEqual(cutoff.getTime())
    expect(usageRetentionCutoff(at('2026-01-01T00:00:00Z'), 1).toISOString()).toBe('2025-12-01T00:00:00.000Z')
  })

  it('refuses a retention that is not a whole number of months', () => {
    expect(() => usageRetentionCutoff(at('2026-11-29T07:00:00Z'), 0)).toThrow(RangeError)
    expect(() => usageRetentionCutoff(at('2026-11-29T07:00:00Z'), 1.5)).toThrow(RangeError)
  })

  it('ensures the current month and the next ones', () => {
    const { from, to } = monthsToEnsure(at('2026-11-29T07:00:00Z'), 3)
    expect([from.toISOString(), to.toISOString()]).toEqual(['2026-11-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z'])
  })
})
