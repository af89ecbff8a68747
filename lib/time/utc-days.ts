// Calendar days as 'YYYY-MM-DD' strings, always UTC: rollups_daily buckets by the UTC day, so every
// window over it (spend queries, budgets, anomaly baselines) must count days the same way.

const DAY_MS = 86_400_000
const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/

/** True for a real calendar day ('2025-02-30' is not). */
export function isUtcDay(value: string): boolean {
  const m = dayPattern.exec(value)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return toUtcDay(d) === value
}

export function toUtcDay(at: Date): string {
  return at.toISOString().slice(0, 10)
}

export function addUtcDays(day: string, days: number): string {
  return toUtcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS))
}

/** Days from `from` to `to`, both inclusive (1 when equal, 0 or less when `to` is earlier). */
export function utcDaySpan(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1
}

export type UtcMonth = {
  /** 'YYYY-MM' */
  month: string
  firstDay: string
  lastDay: string
  daysInMonth: number
  /** The start of the next month: the instant the month ends. */
  endsAt: Date
}

export function utcMonthOf(at: Date): UtcMonth {
  const y = at.getUTCFullYear()
  const m = at.getUTCMonth()
  const start = new Date(Date.UTC(y, m, 1))
  const endsAt = new Date(Date.UTC(y, m + 1, 1))
  return {
    month: toUtcDay(start).slice(0, 7),
    firstDay: toUtcDay(start),
    lastDay: toUtcDay(new Date(endsAt.getTime() - DAY_MS)),
    daysInMonth: Math.round((endsAt.getTime() - start.getTime()) / DAY_MS),
    endsAt,
  }
}
