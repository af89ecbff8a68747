import { addUtcDays, toUtcDay, utcMonthOf } from '@/lib/time/utc-days'

// The date shortcuts every period picker offers (Spend, Advice, Reports), as UTC day ranges, both ends
// inclusive, ending today for the "to date" ones.

export const datePresetKeys = ['month', 'last-month', '30d', '90d', 'quarter', 'year'] as const
export type DatePresetKey = (typeof datePresetKeys)[number]

export const datePresetLabels: Record<DatePresetKey, string> = {
  month: 'This month',
  'last-month': 'Last month',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  quarter: 'Quarter to date',
  year: 'Year to date',
}

export function datePresetRange(key: DatePresetKey, now: Date): { from: string; to: string } {
  const today = toUtcDay(now)
  const month = utcMonthOf(now)
  switch (key) {
    case 'month':
      return { from: month.firstDay, to: today }
    case 'last-month': {
      const last = utcMonthOf(new Date(Date.parse(`${month.firstDay}T00:00:00Z`) - 1))
      return { from: last.firstDay, to: last.lastDay }
    }
    case '30d':
      return { from: addUtcDays(today, -29), to: today }
    case '90d':
      return { from: addUtcDays(today, -89), to: today }
    case 'quarter': {
      const q = Math.floor(now.getUTCMonth() / 3) * 3
      return { from: toUtcDay(new Date(Date.UTC(now.getUTCFullYear(), q, 1))), to: today }
    }
    case 'year':
      return { from: `${now.getUTCFullYear()}-01-01`, to: today }
  }
}

/** Which preset a range is, if any (so the picker can mark it). */
export function matchDatePreset(range: { from: string; to: string }, now: Date): DatePresetKey | null {
  return datePresetKeys.find((k) => {
    const r = datePresetRange(k, now)
    return r.from === range.from && r.to === range.to
  }) ?? null
}
