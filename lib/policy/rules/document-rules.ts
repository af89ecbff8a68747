import type { TaskType } from '@prisma/client'
import { REASONING_LATENCY_MS } from '../event-traits'
import { makeFinding } from '../make-finding'
import { pickSuggestion } from '../pick-suggestion'
import { ruleDefinition } from '../rule-definitions'
import type { Finding, PolicyContext, PolicyModel, PolicySubject } from '../types'

// The source document's own advice (Parts 4 and 5), independent of any team rule except that a
// suggestion must be a model the team's policy permits.

export type Rule = (s: PolicySubject, ctx: PolicyContext, model: PolicyModel | null) => Finding | null

const SIMPLE_TASKS: ReadonlySet<TaskType> = new Set(['classify', 'extract', 'summarize', 'translate'])
const REASONING_TASKS: ReadonlySet<TaskType> = new Set(['math', 'reasoning'])
const SENSITIVE_DATA = new Set(['confidential', 'restricted'])

export function isCriticalCall(s: PolicySubject, ctx: PolicyContext): boolean {
  return s.traits.criticalTag || ctx.policy.critical
}

const taskLabel = (s: PolicySubject) => (s.task ? `a ${s.task} task` : 'this call')

/** (1) o1 / R1 on classify, extract, summarize, translate, or a short chat answer. */
export const reasoningOnSimpleTask: Rule = (s, ctx, model) => {
  if (model?.route !== 'reasoning' || s.task === null) return null
  const simple = SIMPLE_TASKS.has(s.task) || (s.task === 'chat' && s.traits.smallOutput)
  if (!simple) return null
  const def = ruleDefinition('doc.reasoning-on-simple-task')
  // Critical business keeps the stabler OpenAI model first (Part 5: 关键业务 → OpenAI), else the cheaper.
  const pick = isCriticalCall(s, ctx) ? pickSuggestion(def.candidates, s, ctx, 'listed') : pickSuggestion(def.candidates, s, ctx, def.order)
  if (!pick) return null
  const what = s.task === 'chat' ? 'a short chat answer without reasoning tokens' : taskLabel(s)
  return makeFinding('doc.reasoning-on-simple-task', `${model.slug} is a reasoning model and ${what} does not need one`, pick, s)
}

/** (2) o1 / R1 where the caller cannot wait 30–60 s. */
export const reasoningOnRealtime: Rule = (s, ctx, model) => {
  if (model?.route !== 'reasoning' || !s.traits.latencySensitive) return null
  const def = ruleDefinition('doc.reasoning-on-realtime')
  const budget = s.latencyBudgetMs !== null && s.latencyBudgetMs < REASONING_LATENCY_MS ? `a latency budget of ${s.latencyBudgetMs} ms` : 'a real-time task'
  const observed = s.latencyMs !== null ? ` (this call took ${s.latencyMs} ms)` : ''
  return makeFinding('doc.reasoning-on-realtime', `${model.slug} thinks for 30–60 s, too slow for ${budget}${observed}`, pickSuggestion(def.candidates, s, ctx, def.order), s)
}

/** (3) Confidential or restricted data to a closed API. A team rule on the class supersedes this one. */
export const confidentialToClosedApi: Rule = (s, ctx, model) => {
  if (model?.deployment !== 'closed_api' || s.dataClass === null || !SENSITIVE_DATA.has(s.dataClass)) return null
  if (ctx.policy.localDataClasses.includes(s.dataClass)) return null
  const def = ruleDefinition('doc.confidential-to-closed-api')
  return makeFinding('doc.confidential-to-closed-api', `${s.dataClass} data went to ${model.slug}, a closed API`, pickSuggestion(def.candidates, s, ctx, def.order), s)
}

/** (4) Batch processing on a premium closed model: DeepSeek-V3's first listed use. */
export const batchOnPremium: Rule = (s, ctx, model) => {
  if (s.task !== 'batch' || model?.deployment !== 'closed_api') return null
  const def = ruleDefinition('doc.batch-on-premium')
  const pick = pickSuggestion(def.candidates, s, ctx, def.order)
  return pick ? makeFinding('doc.batch-on-premium', `batch work on ${model.slug}, a premium closed model`, pick, s) : null
}

/** Part 5: internal (non-critical) work → R1 rather than o1. */
export const o1ForInternalTools: Rule = (s, ctx, model) => {
  if (model?.slug !== 'o1' || isCriticalCall(s, ctx)) return null
  const def = ruleDefinition('doc.o1-for-internal-tools')
  const pick = pickSuggestion(def.candidates, s, ctx, def.order)
  return pick ? makeFinding('doc.o1-for-internal-tools', 'o1 on work that is not marked critical business', pick, s) : null
}

/** (7) Critical business on R1 → o1: a risk, whatever it costs. */
export const criticalOnR1: Rule = (s, ctx, model) => {
  if (model?.slug !== 'deepseek-r1' || !isCriticalCall(s, ctx)) return null
  const def = ruleDefinition('doc.critical-on-r1')
  const why = s.traits.criticalTag ? 'this call is tagged critical and runs on deepseek-r1' : 'this team is critical business and runs deepseek-r1'
  return makeFinding('doc.critical-on-r1', why, pickSuggestion(def.candidates, s, ctx, def.order), s)
}

/** Part 5 GPT-4o ❌: hard reasoning has a ceiling on GPT-4o. Informational. */
export const gpt4oReasoningCeiling: Rule = (s, ctx, model) => {
  if (model?.slug !== 'gpt-4o' || s.task === null || !REASONING_TASKS.has(s.task) || s.traits.latencySensitive) return null
  const def = ruleDefinition('doc.gpt-4o-reasoning-ceiling')
  const candidates = isCriticalCall(s, ctx) ? ['o1', 'deepseek-r1'] : def.candidates
  const pick = pickSuggestion(candidates, s, ctx, 'listed')
  return pick ? makeFinding('doc.gpt-4o-reasoning-ceiling', `gpt-4o on ${taskLabel(s)}`, pick, s) : null
}
