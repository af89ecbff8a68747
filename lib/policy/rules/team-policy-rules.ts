import { preferredModels } from '../document/preferred-models'
import { makeFinding } from '../make-finding'
import { capPer1M, overCap, pickSuggestion } from '../pick-suggestion'
import { ruleDefinition } from '../rule-definitions'
import type { PolicyContext, PolicySubject } from '../types'
import { isCriticalCall, type Rule } from './document-rules'

// (5) The team's own policy. A model the policy forbids is replaced by the team's default for the task,
// else by the document's preference for this kind of call; pickSuggestion skips what the policy forbids.

const SENSITIVE_DATA = new Set(['confidential', 'restricted'])

export function replacementCandidates(s: PolicySubject, ctx: PolicyContext): string[] {
  const fallback = preferredModels({
    task: s.task,
    critical: isCriticalCall(s, ctx),
    latencySensitive: s.traits.latencySensitive,
    mustStayLocal: s.dataClass !== null && ctx.policy.localDataClasses.includes(s.dataClass),
    prefersLocal: s.dataClass !== null && SENSITIVE_DATA.has(s.dataClass),
  }).map((p) => p.slug)
  const preferred = s.task ? ctx.policy.defaultModels[s.task] : undefined
  return preferred ? [preferred, ...fallback] : [...fallback]
}

const modelName = (s: PolicySubject, slug: string | undefined) => slug ?? (s.modelRaw ? `'${s.modelRaw}' (not in the catalog)` : 'an unrecognised model')

export const blockedModel: Rule = (s, ctx, model) => {
  if (!model || !ctx.policy.blockedModels.includes(model.slug)) return null
  return makeFinding('policy.blocked-model', `${model.slug} is blocked by the team policy`, pickSuggestion(replacementCandidates(s, ctx), s, ctx), s)
}

/** An unmatched model cannot be on an allow-list of catalog slugs, so it is flagged too. */
export const notAllowed: Rule = (s, ctx, model) => {
  const allowed = ctx.policy.allowedModels
  if (allowed.length === 0 || (model && allowed.includes(model.slug))) return null
  return makeFinding('policy.not-allowed', `${modelName(s, model?.slug)} is not on the team's allowed list`, pickSuggestion(replacementCandidates(s, ctx), s, ctx), s)
}

export const overPriceCap: Rule = (s, ctx, model) => {
  const cap = ctx.policy.maxPricePer1k
  if (!model || cap === null) return null
  const version = ctx.prices.priceAt(model.id, s.ts)
  if (!version || !version.input.gt(capPer1M(cap))) return null
  const why = () => overCap(model.slug, version.input, cap)
  return makeFinding('policy.over-price-cap', why, pickSuggestion(replacementCandidates(s, ctx), s, ctx, ruleDefinition('policy.over-price-cap').order), s)
}

/** A model not in the catalog cannot be shown to run locally, so it is flagged too. */
export const localDataClass: Rule = (s, ctx, model) => {
  if (s.dataClass === null || !ctx.policy.localDataClasses.includes(s.dataClass) || model?.deployment === 'local') return null
  const where = model ? `${model.slug} (${model.deployment.replace(/_/g, ' ')})` : `${modelName(s, undefined)}, which cannot be shown to run locally`
  const why = `the team policy keeps ${s.dataClass} data local, and this call went to ${where}`
  const preferred = s.task ? ctx.policy.defaultModels[s.task] : undefined
  const candidates = [...(preferred ? [preferred] : []), ...ruleDefinition('policy.local-data-class').candidates, ...replacementCandidates(s, ctx)]
  return makeFinding('policy.local-data-class', why, pickSuggestion(candidates, s, ctx), s)
}

/** Informational: the team chose a default for this task and the call used something else. */
export const defaultModelNotUsed: Rule = (s, ctx, model) => {
  const preferred = s.task ? ctx.policy.defaultModels[s.task] : undefined
  if (!preferred || model?.slug === preferred) return null
  const pick = pickSuggestion([preferred], s, ctx)
  if (!pick) return null
  return makeFinding('policy.default-model', `the team's default for ${s.task} is ${preferred}, and this call used ${modelName(s, model?.slug)}`, pick, s)
}
