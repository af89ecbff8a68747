import type { DataClass, PriceSource, TaskType } from '@prisma/client'
import { calculateCost } from '@/lib/pricing/calculate-cost'
import type { Decimal } from '@/lib/pricing/decimal'
import { preferredModels } from '@/lib/policy/document/preferred-models'
import { evaluatePolicy } from '@/lib/policy/evaluate-policy'
import { REASONING_LATENCY_MS, SMALL_OUTPUT_TOKENS } from '@/lib/policy/event-traits'
import type { Finding, PolicyContext, PolicySubject } from '@/lib/policy/types'

export type RouteRequest = {
  task: TaskType
  dataClass: DataClass
  latencyBudgetMs?: number
  expectedInputTokens?: number
  expectedOutputTokens?: number
  critical?: boolean
  /** Restrict the answer to these catalog slugs (the models the caller can reach). */
  candidates?: readonly string[]
}

export type RouteAlternative = { model: string; estimatedCost: Decimal | null; whyNot: string }

export type RouteRecommendation = {
  /** null: no model fits (every candidate forbidden, or a task the document covers no model for). */
  model: string | null
  reason: string
  citation: string
  /** For the expected tokens at the price in force now; null when the model is unpriced. */
  estimatedCost: Decimal | null
  priceSource: PriceSource | null
  alternatives: RouteAlternative[]
}

/** The document prices per 1K tokens, so an estimate without sizes is for 1K in and 1K out. */
export const DEFAULT_EXPECTED_TOKENS = 1000

const SENSITIVE: ReadonlySet<DataClass> = new Set(['confidential', 'restricted'])

type Option = { slug: string; why: string; citation: string }
type Verdict = Option & { estimatedCost: Decimal | null; priceSource: PriceSource | null; tier: 'fits' | 'pricier' | 'forbidden'; findings: Finding[]; objection: string | null }

/**
 * "Which model should this call use?" — the document's preference for this kind of call (Part 4's
 * questionnaire, Part 5's o1-vs-R1 advice), the team's default first, each candidate checked by the
 * same rules that advise ingested events: a recommendation never draws a warning or risk at ingest.
 * Pure: the policy, catalog and prices come in ctx.
 */
export function recommendModel(req: RouteRequest, ctx: PolicyContext, now: Date): RouteRecommendation {
  const critical = req.critical === true || ctx.policy.critical
  const latencySensitive = req.task === 'realtime' || (req.latencyBudgetMs !== undefined && req.latencyBudgetMs < REASONING_LATENCY_MS)
  const preferred = preferredModels({
    task: req.task,
    critical,
    latencySensitive,
    mustStayLocal: ctx.policy.localDataClasses.includes(req.dataClass),
    prefersLocal: SENSITIVE.has(req.dataClass),
  })
  const teamDefault = ctx.policy.defaultModels[req.task]
  let options: Option[] = [
    ...(teamDefault ? [{ slug: teamDefault, why: `the team's default model for ${req.task} tasks`, citation: `team policy v${ctx.policy.version ?? 0} · defaultModels` }] : []),
    ...preferred,
  ]
  if (req.candidates) {
    const allowed = new Set(req.candidates)
    const listed = new Set(options.map((o) => o.slug))
    options = [
      ...options.filter((o) => allowed.has(o.slug)),
      ...req.candidates.filter((c) => !listed.has(c)).map((slug) => ({ slug, why: 'one of the requested candidates (the document does not recommend it for this call)', citation: 'request · candidates' })),
    ]
  }
  const seen = new Set<string>()
  const verdicts = options.filter((o) => !seen.has(o.slug) && Boolean(seen.add(o.slug))).map((o) => judge(o, req, critical, latencySensitive, ctx, now))

  const chosen = verdicts.find((v) => v.tier === 'fits') ?? verdicts.find((v) => v.tier === 'pricier')
  const alternatives = verdicts.filter((v) => v !== chosen).map((v) => ({ model: v.slug, estimatedCost: v.estimatedCost, whyNot: whyNot(v, chosen) }))
  if (!chosen) {
    const reason =
      req.task === 'embedding'
        ? 'The source document covers no embedding model, so there is nothing to recommend.'
        : 'No model fits: every candidate is forbidden by the team policy or by the document for this call (see alternatives).'
    return { model: null, reason, citation: '', estimatedCost: null, priceSource: null, alternatives }
  }
  const notes: string[] = []
  if (chosen.tier === 'pricier') notes.push(`a cheaper option the document prefers is not available here (${chosen.findings.find((f) => f.severity === 'saving')?.summary ?? ''})`)
  if (ctx.catalog.bySlug.get(chosen.slug)?.route === 'reasoning') notes.push('a reasoning model also bills its hidden reasoning tokens, which the estimate does not include')
  return {
    model: chosen.slug,
    reason: `${capitalise(chosen.why)}${notes.length ? `; ${notes.join('; ')}` : ''}.`,
    citation: chosen.citation,
    estimatedCost: chosen.estimatedCost,
    priceSource: chosen.priceSource,
    alternatives,
  }
}

function judge(o: Option, req: RouteRequest, critical: boolean, latencySensitive: boolean, ctx: PolicyContext, now: Date): Verdict {
  const model = ctx.catalog.bySlug.get(o.slug)
  if (!model) return { ...o, estimatedCost: null, priceSource: null, tier: 'forbidden', findings: [], objection: `${o.slug} is not in the catalog` }
  const output = req.expectedOutputTokens ?? DEFAULT_EXPECTED_TOKENS
  const buckets = { input: req.expectedInputTokens ?? DEFAULT_EXPECTED_TOKENS, cacheRead: 0, cacheWrite: 0, output, reasoning: 0 }
  const version = ctx.prices.priceAt(model.id, now)
  const estimatedCost = version ? calculateCost(buckets, version) : null
  const subject: PolicySubject = {
    ts: now,
    modelId: model.id,
    modelRaw: null,
    calls: 1,
    buckets,
    cost: estimatedCost,
    task: req.task,
    dataClass: req.dataClass,
    // Only a size the caller states makes an answer "short"; unknown is not small.
    traits: { criticalTag: critical, latencySensitive, smallOutput: req.expectedOutputTokens !== undefined && output <= SMALL_OUTPUT_TOKENS },
    latencyMs: null,
    latencyBudgetMs: req.latencyBudgetMs ?? null,
  }
  const findings = evaluatePolicy(subject, ctx).filter((f) => f.severity !== 'info')
  const tier = findings.length === 0 ? 'fits' : findings.every((f) => f.severity === 'saving') ? 'pricier' : 'forbidden'
  return { ...o, estimatedCost, priceSource: version ? ctx.catalog.priceSource(version.id) : null, tier, findings, objection: null }
}

function whyNot(v: Verdict, chosen: Verdict | undefined): string {
  if (v.objection) return v.objection
  const top = v.findings[0]
  if (top) return `${capitalise(top.summary)} [${top.ruleId}; ${top.citation}]`
  return chosen ? `Ranked below ${chosen.slug}: ${v.why}` : v.why
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
