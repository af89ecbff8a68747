import type pg from 'pg'
import { AppError } from '@/lib/errors'
import { Decimal } from '@/lib/pricing/decimal'
import { costInForceSql, versionInForceJoin } from './price-at-event-sql'

export type RepriceWindow = { from: Date; to: Date; modelId?: number | null }

export type RepricePlanRow = {
  teamId: number
  teamSlug: string
  /** 'YYYY-MM' (UTC) */
  month: string
  /** The team's statement for the month is frozen: a change shows up there as an adjustment. */
  closed: boolean
  events: number
  changed: number
  oldCost: Decimal
  newCost: Decimal
  delta: Decimal
  unpricedBefore: number
  unpricedAfter: number
}

export type RepricePlan = {
  from: Date
  to: Date
  modelId: number | null
  events: number
  changed: number
  oldCost: Decimal
  newCost: Decimal
  delta: Decimal
  rows: RepricePlanRow[]
}

export function assertRepriceWindow(w: RepriceWindow): void {
  if (Number.isNaN(w.from.getTime()) || Number.isNaN(w.to.getTime())) throw new AppError('invalid', 'from and to must be valid dates')
  if (w.from.getTime() >= w.to.getTime()) throw new AppError('invalid', 'from must be before to')
}

/** Events in [from, to), optionally of one model: `e` filter and its parameters starting at $1. */
export function repriceFilter(w: RepriceWindow): { where: string; params: unknown[] } {
  const params: unknown[] = [w.from.toISOString(), w.to.toISOString()]
  let where = 'e.ts >= $1 AND e.ts < $2'
  if (w.modelId != null) {
    params.push(w.modelId)
    where += ` AND e.model_id = $${params.length}`
  }
  return { where, params }
}

/**
 * The dry run: what re-pricing [from, to) with the versions now in force would change, per team and month
 * (old vs new total, exactly, computed in SQL where the events are). Writes nothing.
 */
export async function planReprice(pool: pg.Pool, window: RepriceWindow): Promise<RepricePlan> {
  assertRepriceWindow(window)
  const { where, params } = repriceFilter(window)
  const { rows } = await pool.query<{
    team_id: number; slug: string; month: string; closed: boolean; events: string; changed: string
    old_cost: string; new_cost: string; unpriced_before: string; unpriced_after: string
  }>(
    `WITH ev AS (
       SELECT e.team_id, to_char(e.ts AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
              e.cost AS old_cost, e.price_version_id AS old_pv, pv.id AS new_pv, ${costInForceSql} AS new_cost
         FROM usage_events e
         ${versionInForceJoin}
        WHERE ${where}
     )
     SELECT ev.team_id, t.slug, ev.month,
            EXISTS (SELECT 1 FROM month_closes c WHERE c.team_id = ev.team_id AND c.month = ev.month) AS closed,
            count(*) AS events,
            count(*) FILTER (WHERE old_cost IS DISTINCT FROM new_cost OR old_pv IS DISTINCT FROM new_pv) AS changed,
            coalesce(sum(old_cost), 0)::text AS old_cost,
            coalesce(sum(new_cost), 0)::text AS new_cost,
            count(*) FILTER (WHERE old_cost IS NULL) AS unpriced_before,
            count(*) FILTER (WHERE new_pv IS NULL) AS unpriced_after
       FROM ev JOIN teams t ON t.id = ev.team_id
      GROUP BY ev.team_id, t.slug, ev.month
      ORDER BY t.slug, ev.month`,
    params,
  )
  const planRows: RepricePlanRow[] = rows.map((r) => {
    const oldCost = new Decimal(r.old_cost)
    const newCost = new Decimal(r.new_cost)
    return {
      teamId: r.team_id,
      teamSlug: r.slug,
      month: r.month,
      closed: r.closed,
      events: Number(r.events),
      changed: Number(r.changed),
      oldCost,
      newCost,
      delta: newCost.minus(oldCost),
      unpricedBefore: Number(r.unpriced_before),
      unpricedAfter: Number(r.unpriced_after),
    }
  })
  const sum = (f: (r: RepricePlanRow) => Decimal) => planRows.reduce((acc, r) => acc.plus(f(r)), new Decimal(0))
  const oldCost = sum((r) => r.oldCost)
  const newCost = sum((r) => r.newCost)
  return {
    from: window.from,
    to: window.to,
    modelId: window.modelId ?? null,
    events: planRows.reduce((n, r) => n + r.events, 0),
    changed: planRows.reduce((n, r) => n + r.changed, 0),
    oldCost,
    newCost,
    delta: newCost.minus(oldCost),
    rows: planRows,
  }
}

/** The plan as JSON (money as exact decimal strings), for reprice_runs.result and --json output. */
export function serializeRepricePlan(plan: RepricePlan) {
  const money = (d: Decimal) => d.toFixed()
  return {
    from: plan.from.toISOString(),
    to: plan.to.toISOString(),
    modelId: plan.modelId,
    events: plan.events,
    changed: plan.changed,
    oldCost: money(plan.oldCost),
    newCost: money(plan.newCost),
    delta: money(plan.delta),
    rows: plan.rows.map((r) => ({ ...r, oldCost: money(r.oldCost), newCost: money(r.newCost), delta: money(r.delta) })),
  }
}
