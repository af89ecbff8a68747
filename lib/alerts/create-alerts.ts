import type pg from 'pg'
import type { AlertDraft, AlertKind } from './plan-team-alerts'

export type CreatedAlert = { id: number; teamId: number; kind: AlertKind; dedupeKey: string }

/**
 * Inserts the drafts whose dedupe key is new, in one statement, and returns only those. The unique key
 * (not a read-then-write) is what makes an alert happen once, even with checkers racing each other.
 */
export async function createAlerts(pool: pg.Pool, drafts: readonly AlertDraft[]): Promise<CreatedAlert[]> {
  if (drafts.length === 0) return []
  const records = drafts.map((d) => ({ team_id: d.teamId, kind: d.kind, dedupe_key: d.dedupeKey, message: d.message, data: d.data }))
  const { rows } = await pool.query<{ id: number; team_id: number; kind: AlertKind; dedupe_key: string }>(
    `INSERT INTO alerts (team_id, kind, dedupe_key, message, data)
     SELECT x.team_id, x.kind::"AlertKind", x.dedupe_key, x.message, x.data
       FROM jsonb_to_recordset($1::jsonb) AS x(team_id int, kind text, dedupe_key text, message text, data jsonb)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id, team_id, kind::text AS kind, dedupe_key`,
    [JSON.stringify(records)],
  )
  return rows.map((r) => ({ id: r.id, teamId: r.team_id, kind: r.kind, dedupeKey: r.dedupe_key })).sort((a, b) => a.id - b.id)
}
