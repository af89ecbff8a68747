import type { AlertKind } from '@prisma/client'
import type pg from 'pg'
import type { DbClient } from '@/lib/db'

export type TeamAlert = {
  id: number
  kind: AlertKind
  message: string
  data: unknown
  createdAt: Date
  deliveredAt: Date | null
  attempts: number
}

/** A team's alerts, newest first (the (team_id, created_at) index). */
export async function listTeamAlerts(db: Pick<DbClient, 'alert'>, teamId: number, opts: { limit?: number } = {}): Promise<TeamAlert[]> {
  return db.alert.findMany({
    where: { teamId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: opts.limit ?? 50,
    select: { id: true, kind: true, message: true, data: true, createdAt: true, deliveredAt: true, attempts: true },
  })
}

/** teamId → alerts raised since `since` (teams without any are absent). */
export async function countTeamAlertsSince(pool: pg.Pool, since: Date, teamIds?: readonly number[]): Promise<Map<number, number>> {
  const { rows } = await pool.query<{ team_id: number; alerts: number }>(
    `SELECT team_id, count(*)::int AS alerts FROM alerts
      WHERE created_at >= $1 AND ($2::int[] IS NULL OR team_id = ANY($2::int[]))
      GROUP BY team_id`,
    [since, teamIds ?? null],
  )
  return new Map(rows.map((r) => [r.team_id, r.alerts]))
}
