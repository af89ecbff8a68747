import type pg from 'pg'
import { Decimal } from '@/lib/pricing/decimal'
import { DEFAULT_ALERT_THRESHOLDS, type BudgetSettings } from './evaluate-budget'

export type BudgetPolicy = BudgetSettings & { teamId: number; teamSlug: string; webhookUrl: string | null }

/**
 * Each team's budget settings from its policy in force (the highest version). A team without a policy
 * has no budget and no webhook but is still listed: anomaly and unpriced-model alerts apply to it too.
 */
export async function loadBudgetPolicies(pool: pg.Pool, teamIds?: readonly number[]): Promise<BudgetPolicy[]> {
  const { rows } = await pool.query<{ team_id: number; slug: string; monthly_budget: string | null; alert_thresholds: number[] | null; webhook_url: string | null }>(
    `SELECT t.id AS team_id, t.slug, p.monthly_budget::text AS monthly_budget, p.alert_thresholds, p.webhook_url
       FROM teams t
       LEFT JOIN LATERAL (
         SELECT monthly_budget, alert_thresholds, webhook_url FROM team_policies WHERE team_id = t.id ORDER BY version DESC LIMIT 1
       ) p ON true
      WHERE $1::int[] IS NULL OR t.id = ANY($1::int[])
      ORDER BY t.id`,
    [teamIds ?? null],
  )
  return rows.map((r) => ({
    teamId: r.team_id,
    teamSlug: r.slug,
    monthlyBudget: r.monthly_budget === null ? null : new Decimal(r.monthly_budget),
    // NULL (column default not applied) means the defaults; an explicit empty list means "no threshold alerts".
    alertThresholds: r.alert_thresholds ?? DEFAULT_ALERT_THRESHOLDS,
    webhookUrl: r.webhook_url?.trim() ? r.webhook_url.trim() : null,
  }))
}
