import { datePresetKeys, datePresetRange, type DatePresetKey } from '@/lib/reports/date-presets'
import { addUtcDays, toUtcDay } from '@/lib/time/utc-days'

// The advice page's windows, all whole UTC days so they line up with rollups_daily and GET /api/v1/spend.

// The periods are the app's date presets (this month … year to date), so Advice, Spend and Reports offer
// the same shortcuts.
export const advicePeriods = datePresetKeys
export type AdvicePeriod = DatePresetKey

export type DayRange = { from: string; to: string }

/** `to` inclusive. The month periods end today / on the previous month's last day. */
export function advicePeriodRange(period: AdvicePeriod, now: Date): DayRange {
  return datePresetRange(period, now)
}

/**
 * The what-if window: the last `days` whole UTC days, today included. `end` (the start of tomorrow) is the
 * instant whatIf takes as "now", so its raw-event window equals the spend API's from..to over the rollups.
 */
export function whatIfWindow(days: number, now: Date): DayRange & { end: Date } {
  const today = toUtcDay(now)
  return { from: addUtcDays(today, -(days - 1)), to: today, end: new Date(`${addUtcDays(today, 1)}T00:00:00Z`) }
}
