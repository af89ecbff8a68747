import { describeSpendQueryError, spendQuerySchema } from '@/lib/reports/spend-query-schema'
import { toUtcDay, utcMonthOf } from '@/lib/time/utc-days'

// The Lineage page's period: from/to UTC days, by default the last three UTC months up to today (so the
// Part 6 charts have months to compare). Checked by the spend query's own schema.

export type LineagePeriod = { from: string; to: string; error: string | null }

export function defaultLineageFrom(now: Date): string {
  const first = new Date(`${utcMonthOf(now).firstDay}T00:00:00Z`)
  first.setUTCMonth(first.getUTCMonth() - 2)
  return toUtcDay(first)
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined

export function parseLineagePeriod(params: Record<string, string | string[] | undefined>, now: Date): LineagePeriod {
  const from = one(params.from) ?? defaultLineageFrom(now)
  const to = one(params.to) ?? toUtcDay(now)
  const checked = spendQuerySchema.safeParse({ from, to, groupBy: [], teamIds: 'all' })
  return { from, to, error: checked.success ? null : describeSpendQueryError(checked.error) }
}
