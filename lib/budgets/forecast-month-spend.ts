import { Decimal } from '@/lib/pricing/decimal'
import { addUtcDays, toUtcDay, utcDaySpan, utcMonthOf } from '@/lib/time/utc-days'

const DAY_MS = 86_400_000
export const FORECAST_WINDOW_DAYS = 7

export type MonthForecast = {
  month: string
  /** Spend from the 1st of the month through `now` (today's partial day included). */
  monthToDate: Decimal
  /** Mean spend per day over the window below. */
  dailyRate: Decimal
  window: { from: string; to: string; days: number }
  /** Days (fractional: the rest of today counts) from `now` until the month ends. */
  remainingDays: Decimal
  forecast: Decimal
  method: string
}

function sumDays(costs: ReadonlyMap<string, Decimal>, from: string, to: string): Decimal {
  let total = new Decimal(0)
  for (let day = from; day <= to; day = addUtcDays(day, 1)) total = total.plus(costs.get(day) ?? 0)
  return total
}

/**
 * Month-end spend = month-to-date spend + mean daily spend × days left in the month (UTC).
 * The mean is taken over the last 7 complete days of this month, or over the month's complete days so
 * far when there are fewer; on the 1st, when the month has none, over the last 7 complete days of the
 * previous month. Today's partial day is in month-to-date but never in the mean, where it would drag
 * the rate down. A day with no rollup row counts as $0. `costs` maps 'YYYY-MM-DD' to that day's spend.
 */
export function forecastMonthSpend(costs: ReadonlyMap<string, Decimal>, now: Date): MonthForecast {
  const month = utcMonthOf(now)
  const today = toUtcDay(now)
  const monthToDate = sumDays(costs, month.firstDay, today)
  const completeDaysInMonth = utcDaySpan(month.firstDay, today) - 1
  const days = completeDaysInMonth === 0 ? FORECAST_WINDOW_DAYS : Math.min(FORECAST_WINDOW_DAYS, completeDaysInMonth)
  const window = { from: addUtcDays(today, -days), to: addUtcDays(today, -1), days }
  const dailyRate = sumDays(costs, window.from, window.to).div(days)
  const remainingDays = new Decimal(month.endsAt.getTime() - now.getTime()).div(DAY_MS)
  const forecast = monthToDate.plus(dailyRate.times(remainingDays))
  const method =
    `month-to-date spend + mean daily spend over the ${days} complete day(s) ${window.from}..${window.to} ` +
    `($${dailyRate.toDecimalPlaces(6).toFixed()}/day) × ${remainingDays.toDecimalPlaces(2).toFixed()} day(s) left in ${month.month}`
  return { month: month.month, monthToDate, dailyRate, window, remainingDays, forecast, method }
}
