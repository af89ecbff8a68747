import type pg from 'pg'
import { Decimal } from '@/lib/pricing/decimal'
import { parseDataClasses, parseDefaultModels } from './team-policy-view'
import { emptyTeamPolicy, type TeamPolicyRules } from './types'

/** The version in force for the rules, by raw SQL on the ingest pool. A team without one gets the empty policy. */
export async function loadTeamPolicyRules(db: pg.Pool, teamId: number): Promise<TeamPolicyRules> {
  // Enum arrays come back from pg as '{a,b}' strings unless cast to text[]; the list columns are
  // nullable in the database (rows written by raw SQL), so NULL reads as an empty list.
  const { rows } = await db.query<{
    version: number
    allowed_models: string[]
    blocked_models: string[]
    local_data_classes: string[]
    default_models: unknown
    max_price_per_1k: string | null
    monthly_budget: string | null
    critical: boolean
  }>(
    `SELECT version, coalesce(allowed_models, '{}') AS allowed_models, coalesce(blocked_models, '{}') AS blocked_models,
            coalesce(local_data_classes::text[], '{}') AS local_data_classes, default_models,
            max_price_per_1k::text, monthly_budget::text, critical
       FROM team_policies WHERE team_id = $1 ORDER BY version DESC LIMIT 1`,
    [teamId],
  )
  const row = rows[0]
  if (!row) return emptyTeamPolicy
  return {
    version: row.version,
    allowedModels: row.allowed_models,
    blockedModels: row.blocked_models,
    localDataClasses: parseDataClasses(row.local_data_classes),
    defaultModels: parseDefaultModels(row.default_models),
    maxPricePer1k: row.max_price_per_1k === null ? null : new Decimal(row.max_price_per_1k),
    monthlyBudget: row.monthly_budget === null ? null : new Decimal(row.monthly_budget),
    critical: row.critical,
  }
}
