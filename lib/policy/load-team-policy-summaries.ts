import { pool } from '@/lib/db'

export type TeamPolicySummary = { version: number; monthlyBudget: string | null; webhookUrl: string | null; savedAt: Date }

/** The policy version in force per team (the highest), keyed by team id. */
export async function loadTeamPolicies(): Promise<Map<number, TeamPolicySummary>> {
  const { rows } = await pool.query<{ team_id: number; version: number; monthly_budget: string | null; webhook_url: string | null; created_at: Date }>(
    `SELECT DISTINCT ON (team_id) team_id, version, monthly_budget::text AS monthly_budget, webhook_url, created_at
       FROM team_policies
      ORDER BY team_id, version DESC`,
  )
  return new Map(
    rows.map((r) => [r.team_id, { version: r.version, monthlyBudget: r.monthly_budget, webhookUrl: r.webhook_url?.trim() || null, savedAt: r.created_at }]),
  )
}
