import type { Severity } from '@prisma/client'
import type { AdvisableEvent } from '@/lib/ingest/prepare-events'
import { eventTraits, parseLatencyBudget } from './event-traits'
import { ruleRank } from './rule-definitions'
import { overBudget } from './rules/budget-rule'
import { documentRules } from './rules/document-rules'
import { teamPolicyRules } from './rules/team-policy-rules'
import type { Finding, PolicyContext, PolicySubject } from './types'

const rules = [...teamPolicyRules, ...documentRules, overBudget]

export const severityRank: Readonly<Record<Severity, number>> = { risk: 4, warning: 3, saving: 2, info: 1 }

/** Most important first: by severity, then by the rule order in rule-definitions (deterministic). */
export function compareFindings(a: Finding, b: Finding): number {
  return severityRank[b.severity] - severityRank[a.severity] || ruleRank(a.ruleId) - ruleRank(b.ruleId)
}

/**
 * Every rule that applies to a call (or a group of like calls), most important first. Pure: the team
 * policy, catalog, prices and budget state all come in ctx.
 */
export function evaluatePolicy(subject: PolicySubject, ctx: PolicyContext): Finding[] {
  const model = subject.modelId === null ? null : (ctx.catalog.byId.get(subject.modelId) ?? null)
  const findings: Finding[] = []
  for (const rule of rules) {
    const f = rule(subject, ctx, model)
    if (f) findings.push(f)
  }
  return findings.sort(compareFindings)
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
