import { isUtcDay, toUtcDay } from '@/lib/time/utc-days'

// "Change vs last month" compares like with like: the same days of the month one month earlier.
// A day that does not exist in the earlier month (31 March → February) is clamped to its last day.

function shiftDay(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const target = new Date(Date.UTC(y, m - 1 + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(d, lastDay))
  return toUtcDay(target)
}

/** The window `from..to` moved back one calendar month (UTC days, both inclusive). */
export function previousMonthWindow(range: { from: string; to: string }): { from: string; to: string } {
  if (!isUtcDay(range.from) || !isUtcDay(range.to)) throw new RangeError(`not a UTC day range: ${range.from}..${range.to}`)
  return { from: shiftDay(range.from, -1), to: shiftDay(range.to, -1) }
}
