// Group a daily series by day, ISO week (Monday start) or calendar month, all UTC.

export const timeGrains = ['day', 'week', 'month'] as const
export type TimeGrain = (typeof timeGrains)[number]

export function parseTimeGrain(value: string | string[] | undefined | null): TimeGrain {
  const v = Array.isArray(value) ? value[0] : value
  return (timeGrains as readonly string[]).includes(v ?? '') ? (v as TimeGrain) : 'day'
}

/** The bucket a UTC day falls in: the day itself, its week's Monday, or 'YYYY-MM'. */
export function bucketOfDay(day: string, grain: TimeGrain): string {
  if (grain === 'day') return day
  if (grain === 'month') return day.slice(0, 7)
  const d = new Date(`${day}T00:00:00Z`)
  const back = (d.getUTCDay() + 6) % 7
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10)
}

/** Sums rows keyed by day into rows keyed by bucket (first-seen order), every other column added up. */
export function regroupSeries(rows: readonly Record<string, string | number>[], dayKey: string, grain: TimeGrain): Record<string, string | number>[] {
  if (grain === 'day') return [...rows]
  const out = new Map<string, Record<string, string | number>>()
  for (const r of rows) {
    const bucket = bucketOfDay(String(r[dayKey]), grain)
    const into = out.get(bucket) ?? { [dayKey]: bucket }
    for (const [k, v] of Object.entries(r)) if (k !== dayKey && typeof v === 'number') into[k] = (Number(into[k] ?? 0) + v)
    out.set(bucket, into)
  }
  return [...out.values()]
}
