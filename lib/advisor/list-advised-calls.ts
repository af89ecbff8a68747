import type { DataClass, Severity, TaskType } from '@prisma/client'
import type pg from 'pg'

export type AdvisedCall = {
  id: string
  eventId: string
  ts: Date
  team: string
  /** Catalog slug, or the model string as sent when it matched nothing. */
  model: string
  task: TaskType | null
  dataClass: DataClass | null
  rule: string
  severity: Severity | null
  suggestedModel: string | null
  /** USD, exact; null = the saving could not be estimated (an unpriced side): "saving unknown", never 0. */
  estimatedSaving: string | null
  /** ModelLedger's cost of the call (USD, exact; null = unpriced or failed). */
  cost: string | null
  /** The cost the sender computed (LiteLLM's response_cost), null when none was reported: where the two differ, one side has a stale price. */
  reportedCost: string | null
}

export const ADVISED_CALLS_LIMIT = 100
/** The deepest row a page may start at (400 pages of 25). */
export const MAX_ADVISED_CALLS_OFFSET = 10_000

type Row = {
  id: string
  event_id: string
  ts: Date
  team: string
  model: string
  task: TaskType | null
  data_class: DataClass | null
  rule: string
  severity: Severity | null
  suggested: string | null
  estimated_saving: string | null
  cost: string | null
  reported_cost: string | null
}

/**
 * The newest calls that carry advice, for a list (not an aggregate): bounded by a time window and a LIMIT.
 * Each team's newest calls are read backwards on the (team_id, ts) index and the per-team lists merged:
 * one index scan over many teams (team_id = ANY) could not return them in time order, and would sort
 * every flagged call of the window. Tenancy is the caller's: pass only the teams the reader may see.
 */
export async function listAdvisedCalls(
  db: pg.Pool,
  args: { teamIds: readonly number[]; from: Date; to: Date; rule?: string; severity?: Severity; limit?: number; offset?: number },
): Promise<AdvisedCall[]> {
  if (args.teamIds.length === 0) return []
  const params: unknown[] = [[...new Set(args.teamIds)], args.from.toISOString(), args.to.toISOString()]
  const where = ['e.team_id = team.id', 'e.ts >= $2', 'e.ts < $3', 'e.advice_rule IS NOT NULL']
  if (args.rule) where.push(`e.advice_rule = $${params.push(args.rule)}`)
  if (args.severity) where.push(`e.advice_severity = $${params.push(args.severity)}::"Severity"`)
  const limit = Math.min(Math.max(1, args.limit ?? ADVISED_CALLS_LIMIT), 500)
  // A page further down reads each team's newest offset + limit calls: bounded, so deep pages stay cheap enough.
  const offset = Math.min(Math.max(0, Math.trunc(args.offset ?? 0)), MAX_ADVISED_CALLS_OFFSET)
  const { rows } = await db.query<Row>(
    `SELECT e.id::text AS id, e.event_id, e.ts, t.slug AS team, coalesce(m.slug, e.model_raw) AS model,
            e.task::text AS task, e.data_class::text AS data_class, e.advice_rule AS rule,
            e.advice_severity::text AS severity, s.slug AS suggested, e.estimated_saving::text AS estimated_saving,
            e.cost::text AS cost, e.reported_cost::text AS reported_cost
       FROM unnest($1::int[]) AS team(id)
       CROSS JOIN LATERAL (
         SELECT e.* FROM usage_events e
          WHERE ${where.join(' AND ')}
          ORDER BY e.ts DESC, e.id DESC
          LIMIT ${offset + limit}
       ) e
       JOIN teams t ON t.id = e.team_id
       LEFT JOIN models m ON m.id = e.model_id
       LEFT JOIN models s ON s.id = e.suggested_model_id
      ORDER BY e.ts DESC, e.id DESC
      LIMIT ${limit} OFFSET ${offset}`,
    params,
  )
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    ts: r.ts,
    team: r.team,
    model: r.model,
    task: r.task,
    dataClass: r.data_class,
    rule: r.rule,
    severity: r.severity,
    suggestedModel: r.suggested,
    estimatedSaving: r.estimated_saving,
    cost: r.cost,
    reportedCost: r.reported_cost,
  }))
}
