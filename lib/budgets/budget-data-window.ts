import { ANOMALY_BASELINE_DAYS } from '@/lib/alerts/detect-spend-anomaly'
import { addUtcDays, toUtcDay, utcMonthOf } from '@/lib/time/utc-days'
import { FORECAST_WINDOW_DAYS } from './forecast-month-spend'

/**
 * The UTC days whose spend a budget check reads at `now`: the month so far, the forecast's fallback
 * window (the previous month's last days, on the 1st) and the anomaly baseline for yesterday.
 */
export function budgetDataWindow(now: Date): { from: string; to: string } {
  const today = toUtcDay(now)
  const lookback = addUtcDays(today, -Math.max(FORECAST_WINDOW_DAYS, ANOMALY_BASELINE_DAYS + 1))
  const { firstDay } = utcMonthOf(now)
  return { from: firstDay < lookback ? firstDay : lookback, to: today }
}
