import type { Severity } from '@prisma/client'
import { ruleDefinitions, type RuleDefinition } from '@/lib/policy/rule-definitions'

const byId = new Map<string, RuleDefinition>(ruleDefinitions.map((r) => [r.id, r]))

/** The rule's definition (title, severity, document citation and quote) for a stored advice_rule id. */
export function ruleInfo(id: string): RuleDefinition | null {
  return byId.get(id) ?? null
}

export function ruleTitle(id: string): string {
  return byId.get(id)?.title ?? id
}

/** Risk advice fixes a hazard (e.g. critical work on R1 → o1) and may cost more: it is never a saving. */
export function isRisk(severity: Severity | string | null | undefined): boolean {
  return severity === 'risk'
}

export const allRules: readonly RuleDefinition[] = ruleDefinitions
