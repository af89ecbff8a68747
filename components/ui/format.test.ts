import { describe, expect, it } from 'vitest'
import { exact, formatAgo, formatCount, formatPerMillion, formatUsd, formatUsdFine, formatTime, formatUtc, isTimeZone } from './format'

describe('formatUsd (totals: cents, half-even, small is not free, unpriced is not zero)', () => {
  it.each([
    ['0', '$0.00'],
    ['1234.5678', '$1,234.57'],
    ['2.5', '$2.50'],
    ['0.125', '$0.12'], // half-even: to the even cent
    ['0.135', '$0.14'],
    ['0.005', '<$0.01'], // rounds to no cents but is not zero
    ['0.004', '<$0.01'],
    ['0.006', '$0.01'],
    ['-0.004', '−<$0.01'],
    ['-1234567.891', '−$1,234,567.89'],
    ['123456789012345678.99', '$123,456,789,012,345,678.99'],
  ])('%s → %s', (value, text) => expect(formatUsd(value)).toBe(text))

  it('signs on request, never on zero, and says unknown for null', () => {
    expect(formatUsd('0.2', { signed: true })).toBe('+$0.20')
    expect(formatUsd('0', { signed: true })).toBe('$0.00')
    expect(formatUsd('-0.2', { signed: true })).toBe('−$0.20')
    expect(formatUsd(null)).toBe('unknown')
    expect(formatUsd(undefined)).toBe('unknown')
  })
})

describe('formatUsdFine (per-call: up to 6 significant digits, at least 2 decimals)', () => {
  it.each([
    ['0', '$0.00'],
    ['2.5', '$2.50'],
    ['0.000123456789', '$0.000123457'],
    ['0.0000125', '$0.0000125'],
    ['0.1', '$0.10'],
    ['1.23456789', '$1.23457'],
    ['12.3456789', '$12.3457'],
    ['1234.5678', '$1,234.57'],
    ['0.00000012345650', '$0.000000123456'], // half-even at the 6th digit
    ['-0.0005', '−$0.0005'],
  ])('%s → %s', (value, text) => expect(formatUsdFine(value)).toBe(text))
})

describe('the other formatters', () => {
  it.each([
    [formatPerMillion('5'), '$5.00'],
    [formatPerMillion('0.075'), '$0.075'],
    [formatPerMillion('1234.5'), '$1,234.50'],
    [exact('650.000000000000000'), '650'],
    [formatCount(1234567), '1,234,567'],
    [formatCount('-12345678901234567890'), '−12,345,678,901,234,567,890'],
    [formatUtc(new Date('2025-03-04T17:05:09Z')), '2025-03-04 17:05'],
    [formatUtc('2025-03-04T17:05:09Z', '—', { seconds: true }), '2025-03-04 17:05:09'],
    [formatUtc(null, 'never'), 'never'],
    [formatUtc('not a time'), '—'],
  ])('%s is %s', (got, want) => expect(got).toBe(want))
})

describe('formatTime (a wall clock in a chosen zone)', () => {
  it.each([
    [formatTime('2025-03-04T17:05:09Z', 'Asia/Tokyo'), '2025-03-05 02:05'],
    [formatTime('2025-03-04T17:05:09Z', 'America/New_York', '—', { seconds: true }), '2025-03-04 12:05:09'],
    [formatTime('2025-07-04T04:00:00Z', 'America/New_York'), '2025-07-04 00:00'], // summer time, and midnight is 00 not 24
    [formatTime('2025-03-04T17:05:09Z', null), '2025-03-04 17:05'],
    [formatTime(null, 'Asia/Tokyo', 'never'), 'never'],
  ])('%s is %s', (got, want) => expect(got).toBe(want))

  it('knows a zone from a made-up one', () => {
    expect(isTimeZone('Asia/Tokyo')).toBe(true)
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false)
    expect(isTimeZone('')).toBe(false)
  })
})

describe('formatAgo', () => {
  const now = new Date('2026-12-07T08:00:00Z')
  it.each([
    [0, '0 s ago'],
    [-5000, '0 s ago'], // a clock a little ahead of ours
    [59_999, '59 s ago'],
    [60_000, '1 min ago'],
    [3_599_999, '59 min ago'],
    [3_600_000, '1 h ago'],
    [86_399_999, '23 h ago'],
    [86_400_000 * 12, '12 d ago'],
  ])('%i ms → %s', (ms, text) => expect(formatAgo(new Date(now.getTime() - ms), now)).toBe(text))
})
