import type { SpendRow } from '@/lib/reports/query-spend'
import { addUtcDays } from '@/lib/time/utc-days'
import { Decimal } from '@/lib/pricing/decimal'
import type { SpendMeasures } from '@/lib/reports/spend-measures'

// Shapes rollup rows into chart series. Numbers here are for plotting only; tables show the exact strings.

export const OTHER_MODELS = 'Other models'
/** The x-axis key; not a plain 'day', which a client could send as a model name. */
export const DAY_KEY = '__day'

function plot(cost: string | null): number {
  return cost === null ? 0 : Number(cost)
}

export function byCostDesc<T extends { cost_usd: string | null }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => new Decimal(b.cost_usd ?? 0).comparedTo(a.cost_usd ?? 0))
}

/** One row per UTC day in from..to (missing days are $0), one column per top model plus "Other models". */
export function dailyByModel(rows: readonly SpendRow[], byModel: readonly SpendRow[], range: { from: string; to: string }, top = 8) {
  // Models whose every call is unpriced have no cost to plot; they are in the unpriced banner instead.
  const ranked = byCostDesc(byModel.filter((r) => r.cost_usd !== null)).map((r) => r.model ?? '')
  const shown = ranked.slice(0, top)
  const hasOther = ranked.length > top
  const categories = hasOther ? [...shown, OTHER_MODELS] : shown
  const days = new Map<string, Record<string, string | number>>()
  for (let day = range.from; day <= range.to; day = addUtcDays(day, 1)) {
    days.set(day, Object.fromEntries([[DAY_KEY, day], ...categories.map((c) => [c, 0])]))
  }
  for (const r of rows) {
    const entry = r.day ? days.get(r.day) : undefined
    if (!entry) continue
    const key = shown.includes(r.model ?? '') ? (r.model ?? '') : OTHER_MODELS
    if (!(key in entry) || r.cost_usd === null) continue
    entry[key] = (entry[key] as number) + plot(r.cost_usd)
  }
  return { categories, data: [...days.values()] }
}

export const tokenBuckets = [
  ['input_tokens', 'Input (uncached)'],
  ['cache_read_tokens', 'Cache read'],
  ['cache_write_tokens', 'Cache write'],
  ['output_tokens', 'Output'],
  ['reasoning_tokens', 'Reasoning'],
] as const satisfies readonly (readonly [keyof SpendMeasures, string])[]

export function tokenMix(totals: SpendMeasures): { key: string; label: string; tokens: string; value: number }[] {
  return tokenBuckets.map(([key, label]) => ({ key, label, tokens: String(totals[key]), value: Number(totals[key]) }))
}

export function plotCost(cost: string | null): number {
  return plot(cost)
}
