import { addUtcDays, toUtcDay, utcMonthOf } from '@/lib/time/utc-days'

// The advice page's windows, all whole UTC days so they line up with rollups_daily and GET /api/v1/spend.

export const advicePeriods = ['month', 'last-month', '30d', '90d'] as const
export type AdvicePeriod = (typeof advicePeriods)[number]

export type DayRange = { from: string; to: string }

/** `to` inclusive. The month periods end today / on the previous month's last day. */
export function advicePeriodRange(period: AdvicePeriod, now: Date): DayRange {
  const today = toUtcDay(now)
  const month = utcMonthOf(now)
  if (period === 'month') return { from: month.firstDay, to: today }
  if (period === 'last-month') {
    const last = utcMonthOf(new Date(Date.parse(`${month.firstDay}T00:00:00Z`) - 1))
    return { from: last.firstDay, to: last.lastDay }
  }
  return { from: addUtcDays(today, period === '30d' ? -29 : -89), to: today }
}

/**
 * The what-if window: the last `days` whole UTC days, today included. `end` (the start of tomorrow) is the
 * instant whatIf takes as "now", so its raw-event window equals the spend API's from..to over the rollups.
 */
export function whatIfWindow(days: number, now: Date): DayRange & { end: Date } {
  const today = toUtcDay(now)
  return { from: addUtcDays(today, -(days - 1)), to: today, end: new Date(`${addUtcDays(today, 1)}T00:00:00Z`) }
}
