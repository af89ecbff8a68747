import type pg from 'pg'
import { Decimal } from '@/lib/pricing/decimal'
import { querySpend, type SpendRow } from './query-spend'
import { utcMonthOf } from '@/lib/time/utc-days'

// Month over month: spend per calendar month by team and by model, from the month `from` falls in to
// the one `to` falls in (at least `minMonths`, reaching back further when the range is shorter). Chart rows: { month, <name>: USD number for plotting } — tables keep the exact strings.

export const OTHER_SERIES = 'Other'

export type MonthTrend = {
  months: string[]
  byModel: { categories: string[]; data: Record<string, string | number>[] }
  byTeam: { categories: string[]; data: Record<string, string | number>[] }
}

export function trendMonths(from: string, to: string, minMonths: number): string[] {
  const [fy, fm] = from.split('-').map(Number) as [number, number]
  const [y, m] = to.split('-').map(Number) as [number, number]
  const count = Math.max(minMonths, (y - fy) * 12 + (m - fm) + 1)
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(y, m - 1 - (count - 1 - i), 1)).toISOString().slice(0, 7))
}

/** Pure: month × key rows into chart rows, the `top` keys by total cost and the rest as "Other". */
export function monthSeries(rows: readonly SpendRow[], key: 'model' | 'team', months: readonly string[], top = 8) {
  const totals = new Map<string, Decimal>()
  for (const r of rows) if (r.cost_usd !== null) totals.set(r[key] ?? '', (totals.get(r[key] ?? '') ?? new Decimal(0)).plus(r.cost_usd))
  const ranked = [...totals].sort((a, b) => b[1].comparedTo(a[1]) || a[0].localeCompare(b[0])).map(([k]) => k)
  const shown = ranked.slice(0, top)
  const categories = ranked.length > top ? [...shown, OTHER_SERIES] : shown
  const data = months.map((month) => Object.fromEntries([['month', month], ...categories.map((c) => [c, 0])]) as Record<string, string | number>)
  for (const r of rows) {
    const row = data.find((d) => d.month === r.month)
    if (!row || r.cost_usd === null) continue
    const name = shown.includes(r[key] ?? '') ? (r[key] ?? '') : OTHER_SERIES
    row[name] = Number(row[name] ?? 0) + Number(r.cost_usd)
  }
  return { categories, data }
}

export async function loadMonthTrend(pool: pg.Pool, f: { from: string; to: string; teamIds: readonly number[] | 'all'; minMonths?: number }): Promise<MonthTrend> {
  const months = trendMonths(f.from, f.to, f.minMonths ?? 6)
  const from = `${months[0]}-01`
  const to = utcMonthOf(new Date(`${months[months.length - 1]}-01T00:00:00Z`)).lastDay
  const [byModel, byTeam] = await Promise.all([
    querySpend(pool, { from, to, teamIds: f.teamIds, groupBy: ['month', 'model'] }),
    querySpend(pool, { from, to, teamIds: f.teamIds, groupBy: ['month', 'team'] }),
  ])
  return { months, byModel: monthSeries(byModel.rows, 'model', months), byTeam: monthSeries(byTeam.rows, 'team', months) }
}
