import type { Deployment, Route } from '@prisma/client'
import { Decimal } from '@/lib/pricing/decimal'
import { isClosed } from './lineage-tree'

// Part 6's three predictions (第六部分：技术路线的未来预测) set against the organisation's own rollups and
// price table. Pure: rows and catalog facts come in as arguments. Shares are of priced spend on catalog
// models (unpriced calls have no cost to share, and a model outside the catalog has no route).

export type MonthModelSpend = { month: string; model: string; cost_usd: string | null }
export type CatalogFacts = (slug: string) => { route: Route | null; deployment: Deployment | null } | null

export type MonthlyShares = { month: string; priced: string; moePercent: number | null; openPercent: number | null; closedPercent: number | null }

const percent = (part: Decimal, whole: Decimal): number | null => (whole.isZero() ? null : part.times(100).dividedBy(whole).toDecimalPlaces(1).toNumber())

export function monthlyShares(rows: readonly MonthModelSpend[], facts: CatalogFacts): MonthlyShares[] {
  const byMonth = new Map<string, { total: Decimal; moe: Decimal; open: Decimal; closed: Decimal }>()
  for (const row of rows) {
    const model = facts(row.model)
    if (row.cost_usd === null || !model) continue
    const cost = new Decimal(row.cost_usd)
    const m = byMonth.get(row.month) ?? { total: new Decimal(0), moe: new Decimal(0), open: new Decimal(0), closed: new Decimal(0) }
    m.total = m.total.plus(cost)
    if (model.route === 'moe') m.moe = m.moe.plus(cost)
    if (model.deployment !== null) {
      if (isClosed(model.deployment)) m.closed = m.closed.plus(cost)
      else m.open = m.open.plus(cost)
    }
    byMonth.set(row.month, m)
  }
  return [...byMonth.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([month, m]) => ({
      month,
      priced: m.total.toFixed(2),
      moePercent: percent(m.moe, m.total),
      openPercent: percent(m.open, m.total),
      closedPercent: percent(m.closed, m.total),
    }))
}

export type ReasoningPriceVersion = { slug: string; displayName: string; effectiveFrom: Date; effectiveTo: Date | null; output: Decimal }

export type ReasoningPriceTrend = {
  /** One point per day a reasoning model's price changed: each model's output price per 1M in force that day (null before its first price). */
  points: Array<{ day: string } & Record<string, number | string | null>>
  models: Array<{ slug: string; displayName: string; first: string; latest: string; changePercent: number | null; since: string }>
}

const utcDay = (d: Date) => d.toISOString().slice(0, 10)

/** The step history of the reasoning models' output price (reasoning tokens bill at it unless a reasoning price is set). */
export function reasoningPriceTrend(versions: readonly ReasoningPriceVersion[], now: Date): ReasoningPriceTrend {
  const past = versions.filter((v) => v.effectiveFrom.getTime() <= now.getTime()).sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime())
  const slugs = [...new Set(past.map((v) => v.slug))]
  const names = new Map(past.map((v) => [v.slug, v.displayName]))
  const inForce = (slug: string, at: number) =>
    past.filter((v) => v.slug === slug && v.effectiveFrom.getTime() <= at && (v.effectiveTo === null || at < v.effectiveTo.getTime())).at(-1) ?? null
  const changeDays = [...new Set([...past.map((v) => utcDay(v.effectiveFrom)), utcDay(now)])].sort()
  const points = changeDays.map((day) => {
    const at = Math.min(new Date(`${day}T23:59:59.999Z`).getTime(), now.getTime())
    const point: { day: string } & Record<string, number | string | null> = { day }
    for (const slug of slugs) point[names.get(slug) ?? slug] = inForce(slug, at)?.output.toNumber() ?? null
    return point
  })
  const models = slugs.map((slug) => {
    const own = past.filter((v) => v.slug === slug)
    const first = own[0]
    const latest = inForce(slug, now.getTime()) ?? own.at(-1)
    if (!first || !latest) throw new Error('unreachable: a slug comes from its versions')
    return {
      slug,
      displayName: names.get(slug) ?? slug,
      first: first.output.toFixed(),
      latest: latest.output.toFixed(),
      changePercent: first.output.isZero() ? null : percent(latest.output.minus(first.output), first.output),
      since: utcDay(first.effectiveFrom),
    }
  })
  return { points, models }
}
