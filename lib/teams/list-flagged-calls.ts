import type { Severity, TaskType } from '@prisma/client'
import type pg from 'pg'

export type FlaggedCall = {
  id: string
  eventId: string
  ts: Date
  /** Catalog slug, or the model string as sent when it matched nothing. */
  model: string
  task: TaskType | null
  rule: string
  severity: Severity | null
  suggestedModel: string | null
  /** USD, exact; null = the saving could not be estimated (e.g. an unpriced model). */
  estimatedSaving: string | null
}

export const FLAGGED_CALLS_LIMIT = 50
export const FLAGGED_CALLS_WINDOW_DAYS = 30

/**
 * A team's most recent calls that carry advice: a bounded list (LIMIT, recent window, walked backwards
 * on the (team_id, ts) index), not an aggregate — totals come from the rollups.
 */
export async function listFlaggedCalls(pool: pg.Pool, teamId: number, now: Date, limit = FLAGGED_CALLS_LIMIT): Promise<FlaggedCall[]> {
  const since = new Date(now.getTime() - FLAGGED_CALLS_WINDOW_DAYS * 86_400_000)
  const { rows } = await pool.query<{
    id: string
    event_id: string
    ts: Date
    model: string
    task: TaskType | null
    advice_rule: string
    advice_severity: Severity | null
    suggested: string | null
    estimated_saving: string | null
  }>(
    `SELECT e.id::text, e.event_id, e.ts, coalesce(m.slug, e.model_raw) AS model, e.task, e.advice_rule, e.advice_severity,
            s.slug AS suggested, e.estimated_saving::text AS estimated_saving
       FROM usage_events e
       LEFT JOIN models m ON m.id = e.model_id
       LEFT JOIN models s ON s.id = e.suggested_model_id
      WHERE e.team_id = $1 AND e.ts >= $2 AND e.ts <= $3 AND e.advice_rule IS NOT NULL
      ORDER BY e.ts DESC, e.id DESC
      LIMIT $4`,
    [teamId, since, now, Math.min(Math.max(1, limit), 500)],
  )
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    ts: r.ts,
    model: r.model,
    task: r.task,
    rule: r.advice_rule,
    severity: r.advice_severity,
    suggestedModel: r.suggested,
    estimatedSaving: r.estimated_saving === null ? null : trimZeros(r.estimated_saving),
  }))
}

function trimZeros(decimal: string): string {
  return decimal.includes('.') ? decimal.replace(/0+$/, '').replace(/\.$/, '') : decimal
}
