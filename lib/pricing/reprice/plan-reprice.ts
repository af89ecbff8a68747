import type pg from 'pg'
import { AppError } from '@/lib/errors'
import { Decimal } from '@/lib/pricing/decimal'
import { costInForceSql, pieceOfEventSql, versionPiecesSql } from './price-at-event-sql'

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
  // A failed call is never priced, whatever price comes into force.
  let where = "e.ts >= $1 AND e.ts < $2 AND e.status <> 'failed'"
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
    // Per event only what needs the event: its version, whether it changes (its new cost is computed
    // only when its version stays), its old cost, token sums. The new cost is linear in the tokens, so
    // each (team, month, version) group's is its token sums priced once: the same exact NUMERIC total.
    `WITH pv AS MATERIALIZED (${versionPiecesSql}
     ), g AS (
       SELECT e.team_id, date_trunc('month', e.ts AT TIME ZONE 'UTC') AS month, pv.id AS pv_id,
              count(*) AS events,
              count(*) FILTER (WHERE e.price_version_id IS DISTINCT FROM pv.id OR e.cost IS DISTINCT FROM ${costInForceSql}) AS changed,
              sum(e.cost) AS old_cost,
              count(*) FILTER (WHERE e.cost IS NULL) AS unpriced_before,
              sum(e.input_tokens) AS input_tokens, sum(e.cache_read_tokens) AS cache_read_tokens,
              sum(e.cache_write_tokens) AS cache_write_tokens, sum(e.output_tokens) AS output_tokens,
              sum(e.reasoning_tokens) AS reasoning_tokens
         FROM usage_events e
         LEFT JOIN pv ON ${pieceOfEventSql}
        WHERE ${where}
        GROUP BY e.team_id, month, pv.id
     ), agg AS (
       SELECT e.team_id, e.month,
              sum(e.events) AS events,
              sum(e.changed) AS changed,
              coalesce(sum(e.old_cost), 0)::text AS old_cost,
              coalesce(sum(${costInForceSql}), 0)::text AS new_cost,
              sum(e.unpriced_before) AS unpriced_before,
              coalesce(sum(e.events) FILTER (WHERE pv.id IS NULL), 0) AS unpriced_after
         FROM g e
         LEFT JOIN price_versions pv ON pv.id = e.pv_id
        GROUP BY e.team_id, e.month
     )
     SELECT agg.team_id, t.slug, to_char(agg.month, 'YYYY-MM') AS month,
            EXISTS (SELECT 1 FROM month_closes c WHERE c.team_id = agg.team_id AND c.month = to_char(agg.month, 'YYYY-MM')) AS closed,
            agg.events, agg.changed, agg.old_cost, agg.new_cost, agg.unpriced_before, agg.unpriced_after
       FROM agg JOIN teams t ON t.id = agg.team_id
      ORDER BY t.slug, agg.month`,
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
export type RepricePlanJson = ReturnType<typeof serializeRepricePlan>

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
