import type { DataClass } from '@prisma/client'
import type { Decimal } from '@/lib/pricing/decimal'
import { estimateSaving, type SavingEstimate } from './estimate-saving'
import type { PolicyContext, PolicyModel, PolicySubject } from './types'

// The cap is stored per 1K tokens, rates are per 1M: compare rates against cap × 1000, computed once per cap.
const capCache = new WeakMap<Decimal, Decimal>()
export function capPer1M(cap: Decimal): Decimal {
  let v = capCache.get(cap)
  if (!v) capCache.set(cap, (v = cap.times(1000)))
  return v
}

/** Why a model breaks the cap, in the unit people read prices in (per 1M tokens). */
export function overCap(slug: string, inputPer1M: Decimal, capPer1k: Decimal): string {
  return `${slug} costs $${inputPer1M.toFixed()} per 1M input tokens, above the team cap of $${capPer1M(capPer1k).toFixed()} per 1M`
}

/**
 * Why the team's policy forbids this model for a call with this data class at this time, or null when
 * it may be used. The one place that says what "allowed" means, for rules and route advice alike.
 */
export function policyObjection(model: PolicyModel, call: { ts: Date; dataClass: DataClass | null }, ctx: PolicyContext): string | null {
  return objection(model, call, ctx)?.() ?? null
}

// The objection's text is only written when asked for: pickSuggestion, on every ingested event, needs the yes/no.
function objection(model: PolicyModel, call: { ts: Date; dataClass: DataClass | null }, ctx: PolicyContext): (() => string) | null {
  const p = ctx.policy
  if (p.blockedModels.includes(model.slug)) return () => `${model.slug} is blocked by the team policy`
  if (p.allowedModels.length > 0 && !p.allowedModels.includes(model.slug)) return () => `${model.slug} is not on the team's allowed list`
  const dataClass = call.dataClass
  if (dataClass !== null && p.localDataClasses.includes(dataClass) && model.deployment !== 'local')
    return () => `${dataClass} data must stay local and ${model.slug} is ${model.deployment.replace(/_/g, ' ')}`
  const cap = p.maxPricePer1k
  if (cap !== null) {
    // An unpriced model cannot be shown to break the cap; the cap binds known prices only.
    const version = ctx.prices.priceAt(model.id, call.ts)
    if (version && version.input.gt(capPer1M(cap))) return () => overCap(model.slug, version.input, cap)
  }
  return null
}

export type Suggestion = SavingEstimate & { model: PolicyModel }

/**
 * The first candidate the policy permits (never the call's own model, never an unknown slug).
 * 'cheapest' orders candidates by their price per token in force at the call's time — input rate, then
 * output rate; unpriced last; ties keep the listed order. Prices, not this call's cost: the choice must
 * not depend on the call's mix of buckets, so a group of like calls (what-if) gets the same answer as
 * each of its calls.
 */
export function pickSuggestion(
  candidates: readonly string[],
  subject: PolicySubject,
  ctx: PolicyContext,
  order: 'listed' | 'cheapest' = 'listed',
): Suggestion | null {
  const options: PolicyModel[] = []
  for (const slug of new Set(candidates)) {
    const model = ctx.catalog.bySlug.get(slug)
    if (!model || model.id === subject.modelId) continue
    if (objection(model, subject, ctx) !== null) continue
    options.push(model)
  }
  if (order === 'cheapest') {
    const rate = (m: PolicyModel) => ctx.prices.priceAt(m.id, subject.ts)
    options.sort((a, b) => {
      const ra = rate(a)
      const rb = rate(b)
      if (!ra || !rb) return (ra ? 0 : 1) - (rb ? 0 : 1)
      return ra.input.comparedTo(rb.input) || ra.output.comparedTo(rb.output)
    })
  }
  const best = options[0]
  return best ? { model: best, ...estimateSaving(subject, best, ctx) } : null
}
