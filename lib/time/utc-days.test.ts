import { describe, expect, it } from 'vitest'
import { addUtcDays, isUtcDay, toUtcDay, utcDaySpan, utcMonthOf } from '@/lib/time/utc-days'

describe('UTC days', () => {
  it.each([
    ['2025-01-31', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-13-01', false],
    ['2025-1-01', false],
    ['2025-01-01T00:00:00Z', false],
    ['', false],
  ])('isUtcDay(%s) = %s', (value, ok) => expect(isUtcDay(value)).toBe(ok))

  it('counts spans inclusively and crosses month and year ends', () => {
    expect(utcDaySpan('2025-01-01', '2025-01-01')).toBe(1)
    expect(utcDaySpan('2024-12-31', '2025-01-01')).toBe(2)
    expect(utcDaySpan('2025-01-02', '2025-01-01')).toBe(0)
    expect(addUtcDays('2024-03-01', -1)).toBe('2024-02-29')
    expect(addUtcDays('2024-12-31', 1)).toBe('2025-01-01')
  })

  it('buckets by the UTC day, whatever the local zone would say', () => {
    expect(toUtcDay(new Date('2025-03-31T23:59:59.999-05:00'))).toBe('2025-04-01')
  })

  it('describes the month an instant falls in', () => {
    expect(utcMonthOf(new Date('2024-02-10T12:00:00Z'))).toEqual({
      month: '2024-02',
      firstDay: '2024-02-01',
      lastDay: '2024-02-29',
      daysInMonth: 29,
      endsAt: new Date('2024-03-01T00:00:00Z'),
    })
    expect(utcMonthOf(new Date('2025-12-31T23:00:00Z')).endsAt).toEqual(new Date('2026-01-01T00:00:00Z'))
  })
})
