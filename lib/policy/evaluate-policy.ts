import type { Severity } from '@prisma/client'
import { eventTraits, parseLatencyBudget } from './event-traits'
import { ruleDefinition, ruleRank, type RuleId } from './rule-definitions'
import { overBudget } from './rules/budget-rule'
import { batchOnPremium, confidentialToClosedApi, criticalOnR1, gpt4oReasoningCeiling, o1ForInternalTools, reasoningOnRealtime, reasoningOnSimpleTask, type Rule } from './rules/document-rules'
import { blockedModel, defaultModelNotUsed, localDataClass, notAllowed, overPriceCap } from './rules/team-policy-rules'
import type { AdvisableEvent, Finding, PolicyContext, PolicySubject } from './types'

// Each rule with the one finding it can report, so topFinding can try them most important first.
const rules: readonly (readonly [RuleId, Rule])[] = [
  ['policy.local-data-class', localDataClass],
  ['policy.blocked-model', blockedModel],
  ['policy.not-allowed', notAllowed],
  ['policy.over-price-cap', overPriceCap],
  ['policy.default-model', defaultModelNotUsed],
  ['doc.reasoning-on-simple-task', reasoningOnSimpleTask],
  ['doc.reasoning-on-realtime', reasoningOnRealtime],
  ['doc.confidential-to-closed-api', confidentialToClosedApi],
  ['doc.batch-on-premium', batchOnPremium],
  ['doc.o1-for-internal-tools', o1ForInternalTools],
  ['doc.critical-on-r1', criticalOnR1],
  ['doc.gpt-4o-reasoning-ceiling', gpt4oReasoningCeiling],
  ['budget.over-budget', overBudget],
]

export const severityRank: Readonly<Record<Severity, number>> = { risk: 4, warning: 3, saving: 2, info: 1 }

const precedence = (id: RuleId) => ({ severity: ruleDefinition(id).severity, ruleId: id })

/** Most important first: by severity, then by the rule order in rule-definitions (deterministic). */
export function compareFindings(a: Pick<Finding, 'severity' | 'ruleId'>, b: Pick<Finding, 'severity' | 'ruleId'>): number {
  return severityRank[b.severity] - severityRank[a.severity] || ruleRank(a.ruleId) - ruleRank(b.ruleId)
}

const rulesByImportance = [...rules].sort(([a], [b]) => compareFindings(precedence(a), precedence(b)))

/**
 * Every rule that applies to a call (or a group of like calls), most important first. Pure: the team
 * policy, catalog, prices and budget state all come in ctx.
 */
export function evaluatePolicy(subject: PolicySubject, ctx: PolicyContext): Finding[] {
  const model = subject.modelId === null ? null : (ctx.catalog.byId.get(subject.modelId) ?? null)
  const findings: Finding[] = []
  for (const [, rule] of rules) {
    const f = rule(subject, ctx, model)
    if (f) findings.push(f)
  }
  return findings.sort(compareFindings)
}

/**
 * evaluatePolicy(subject, ctx)[0], without running the rules below the first that applies: ingest stores
 * only the most important finding, and most events have one high up.
 */
export function topFinding(subject: PolicySubject, ctx: PolicyContext): Finding | null {
  const model = subject.modelId === null ? null : (ctx.catalog.byId.get(subject.modelId) ?? null)
  for (const [, rule] of rulesByImportance) {
    const f = rule(subject, ctx, model)
    if (f) return f
  }
  return null
}

/** What the ingest path hands the policy module, as the rules read it. */
export function subjectFromEvent(e: AdvisableEvent): PolicySubject {
  const task = e.task ?? null
  return {
    ts: e.ts,
    modelId: e.model?.id ?? null,
    modelRaw: null,
    calls: 1,
    buckets: e.buckets,
    cost: e.cost,
    task,
    dataClass: e.dataClass ?? null,
    traits: eventTraits({ task, buckets: e.buckets, tags: e.tags }),
    latencyMs: e.latencyMs,
    latencyBudgetMs: parseLatencyBudget(e.tags),
  }
}
