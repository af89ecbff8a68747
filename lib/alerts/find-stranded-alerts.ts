import type pg from 'pg'

/**
 * Alerts with a webhook to go to that no delivery job ever attempted (Redis was down when they were
 * created, or the job was lost). Older than a couple of minutes so a job still waiting its turn is not
 * counted, and younger than a day so a long outage does not flood receivers with stale news.
 */
export async function findStrandedAlerts(pool: pg.Pool, teamIds?: readonly number[]): Promise<number[]> {
  const { rows } = await pool.query<{ id: number }>(
    `SELECT a.id
       FROM alerts a
       JOIN LATERAL (SELECT webhook_url FROM team_policies WHERE team_id = a.team_id ORDER BY version DESC LIMIT 1) p ON true
      WHERE a.delivered_at IS NULL AND a.attempts = 0
        AND a.created_at < now() - interval '2 minutes' AND a.created_at > now() - interval '1 day'
        AND coalesce(trim(p.webhook_url), '') <> ''
        AND ($1::int[] IS NULL OR a.team_id = ANY($1::int[]))
      ORDER BY a.id
      LIMIT 1000`,
    [teamIds ?? null],
  )
  return rows.map((r) => r.id)
}
