import type { DataClass, TaskType, TeamPolicy } from '@prisma/client'
import { dataClasses, taskTypes } from '@/lib/ingest/usage-event-schema'
import { Decimal } from '@/lib/pricing/decimal'
import type { TeamPolicyValues } from './schemas'
import type { TeamPolicyRules } from './types'

/** A saved policy version as pages, APIs and the audit log show it: plain JSON, money as strings. */
export type TeamPolicyView = {
  teamId: number
  version: number
  allowedModels: string[]
  blockedModels: string[]
  localDataClasses: DataClass[]
  defaultModels: Partial<Record<TaskType, string>>
  maxPricePer1k: string | null
  monthlyBudget: string | null
  alertThresholds: number[]
  webhookUrl: string | null
  critical: boolean
  createdById: number | null
  createdAt: string
}

// default_models is free-form JSON in the database; keep only task → slug string pairs.
export function parseDefaultModels(value: unknown): Partial<Record<TaskType, string>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {}
  const out: Partial<Record<TaskType, string>> = {}
  for (const [task, slug] of Object.entries(value))
    if ((taskTypes as readonly string[]).includes(task) && typeof slug === 'string') out[task as TaskType] = slug
  return out
}

export function parseDataClasses(value: readonly string[]): DataClass[] {
  return value.filter((v): v is DataClass => (dataClasses as readonly string[]).includes(v))
}

export function toTeamPolicyView(row: TeamPolicy): TeamPolicyView {
  return {
    teamId: row.teamId,
    version: row.version,
    // The list columns are nullable in the database; NULL means an empty list.
    allowedModels: row.allowedModels ?? [],
    blockedModels: row.blockedModels ?? [],
    localDataClasses: row.localDataClasses ?? [],
    defaultModels: parseDefaultModels(row.defaultModels),
    maxPricePer1k: row.maxPricePer1k?.toFixed() ?? null,
    monthlyBudget: row.monthlyBudget?.toFixed() ?? null,
    alertThresholds: row.alertThresholds ?? [],
    webhookUrl: row.webhookUrl,
    critical: row.critical,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
  }
}

/** What the rules read, from a saved version or from a proposed policy (what-if) not saved yet. */
export function toPolicyRules(p: Pick<TeamPolicyValues, 'allowedModels' | 'blockedModels' | 'localDataClasses' | 'defaultModels' | 'maxPricePer1k' | 'monthlyBudget' | 'critical'>, version: number | null): TeamPolicyRules {
  return {
    version,
    allowedModels: p.allowedModels,
    blockedModels: p.blockedModels,
    localDataClasses: p.localDataClasses,
    defaultModels: p.defaultModels,
    maxPricePer1k: p.maxPricePer1k === null ? null : new Decimal(p.maxPricePer1k),
    monthlyBudget: p.monthlyBudget === null ? null : new Decimal(p.monthlyBudget),
    critical: p.critical,
  }
}
