import { addUtcDays, isUtcDay, utcDaySpan } from '@/lib/time/utc-days'

// "Change vs …" compares a range with the period of the same length just before it, never one that
// overlaps it (Oct 1 – Dec 7 against Sep 1 – Nov 7 counted October and November twice). Whole calendar
// months compare with as many whole months before them, so November is set against all of October.

export type ComparisonPeriod = { from: string; to: string; /** e.g. "the 7 days before", "the previous month" */ label: string }

function isWholeMonths(from: string, to: string): boolean {
  return from.endsWith('-01') && addUtcDays(to, 1).endsWith('-01')
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number]
  const [ty, tm] = to.split('-').map(Number) as [number, number]
  return (ty - fy) * 12 + (tm - fm) + 1
}

function shiftMonths(firstDay: string, months: number): string {
  const [y, m] = firstDay.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10)
}

/** The equal-length period just before `from..to` (UTC days, both inclusive). */
export function comparisonPeriod(range: { from: string; to: string }): ComparisonPeriod {
  const { from, to } = range
  if (!isUtcDay(from) || !isUtcDay(to) || to < from) throw new RangeError(`not a UTC day range: ${from}..${to}`)
  if (isWholeMonths(from, to)) {
    const n = monthsBetween(from, to)
    return { from: shiftMonths(from, -n), to: addUtcDays(from, -1), label: n === 1 ? 'the previous month' : `the previous ${n} months` }
  }
  const days = utcDaySpan(from, to)
  return { from: addUtcDays(from, -days), to: addUtcDays(from, -1), label: days === 1 ? 'the day before' : `the ${days} days before` }
}

/**
 * How much of a period the data covers, from the first day any usage was recorded in scope: 'none' when
 * it starts after the period, 'partial' when within it (a change against it overstates the growth).
 */
export function periodCoverage(period: { from: string; to: string }, dataFrom: string | null): 'full' | 'partial' | 'none' {
  if (dataFrom === null || dataFrom > period.to) return 'none'
  return dataFrom > period.from ? 'partial' : 'full'
}
