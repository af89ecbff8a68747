import type { PriceSource } from '@prisma/client'
import { documentCatalog, documentPrices } from '@/lib/catalog/document-catalog'
import { priceEvent } from '@/lib/pricing/price-event'
import { Decimal } from '@/lib/pricing/decimal'
import { buildPriceIndex, type PriceVersionRates } from '@/lib/pricing/price-version'
import { emptyBuckets, type TokenBuckets } from '@/lib/usage/token-buckets'
import { buildPolicyCatalog } from './build-policy-catalog'
import { emptyTeamPolicy, type BudgetState, type PolicyContext, type PolicyModel, type PolicySubject, type TeamPolicyRules } from './types'

// Test-only (not imported by production code): the document's catalog and prices with made-up ids,
// so the rules are tested against the same numbers the product ships with.

export const fixtureModels: PolicyModel[] = documentCatalog.map((m, i) => ({
  id: i + 1,
  slug: m.slug,
  displayName: m.displayName,
  route: m.route,
  deployment: m.deployment,
  latencyClass: m.latencyClass,
}))

export function idOf(slug: string): number {
  const m = fixtureModels.find((x) => x.slug === slug)
  if (!m) throw new Error(`no fixture model ${slug}`)
  return m.id
}

export type ExtraPrice = { slug: string; input: string; output?: string; source: PriceSource; from?: Date; id?: number }

export const fixtureVersions: PriceVersionRates[] = documentPrices.map((p, i) => ({
  id: 100 + i,
  modelId: idOf(p.slug),
  effectiveFrom: p.effectiveFrom,
  effectiveTo: null,
  input: new Decimal(p.input),
  output: new Decimal(p.output),
  cacheRead: null,
  cacheWrite: null,
  reasoning: null,
}))

export function fixtureContext(
  policy: Partial<TeamPolicyRules> = {},
  opts: { budgetState?: BudgetState | null; extraPrices?: ExtraPrice[] } = {},
): PolicyContext {
  const sources = new Map<number, PriceSource>(fixtureVersions.map((v) => [v.id, 'document']))
  const extra = (opts.extraPrices ?? []).map((p, i): PriceVersionRates => {
    const id = p.id ?? 900 + i
    sources.set(id, p.source)
    // A later effectiveFrom than the document's, so it wins for events after it.
    return {
      id,
      modelId: idOf(p.slug),
      effectiveFrom: p.from ?? new Date('2025-06-01T00:00:00Z'),
      effectiveTo: null,
      input: new Decimal(p.input),
      output: new Decimal(p.output ?? p.input),
      cacheRead: null,
      cacheWrite: null,
      reasoning: null,
    }
  })
  return {
    policy: { ...emptyTeamPolicy, version: 1, ...policy },
    catalog: buildPolicyCatalog(fixtureModels, sources),
    prices: buildPriceIndex([...fixtureVersions, ...extra]),
    budgetState: opts.budgetState ?? null,
  }
}

export const AT = new Date('2026-11-20T12:00:00Z')

/** A call on `model` (a slug or an unmatched name) priced at the fixture prices in force at its time. */
export function subject(
  model: string,
  over: Partial<Omit<PolicySubject, 'buckets' | 'traits'>> & { buckets?: Partial<TokenBuckets>; traits?: Partial<PolicySubject['traits']> } = {},
  ctx: PolicyContext = fixtureContext(),
): PolicySubject {
  const known = fixtureModels.find((m) => m.slug === model)
  const buckets = { ...emptyBuckets(), input: 1000, output: 200, ...over.buckets }
  const ts = over.ts ?? AT
  const priced = priceEvent(buckets, known?.id ?? null, ts, ctx.prices)
  return {
    ts,
    modelId: known?.id ?? null,
    modelRaw: known ? null : model,
    calls: 1,
    cost: priced.cost,
    task: null,
    dataClass: null,
    latencyMs: null,
    latencyBudgetMs: null,
    ...over,
    buckets,
    traits: { criticalTag: false, latencySensitive: over.task === 'realtime', smallOutput: buckets.output <= 300 && buckets.reasoning === 0, ...over.traits },
  }
}
