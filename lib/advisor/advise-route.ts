import { AppError } from '@/lib/errors'
import { describeZodError } from '@/lib/ingest/usage-event-schema'
import type { PolicyContext } from '@/lib/policy/types'
import { recommendModel } from './recommend-model'
import { routeRequestSchema } from './route-request-schema'

export type RouteResponse = {
  model: string | null
  reason: string
  citation: string
  /** Exact decimal string; null when the model has no price in force (unpriced is not free). */
  estimated_cost_usd: string | null
  price_source: string | null
  alternatives: { model: string; estimated_cost_usd: string | null; why_not: string }[]
}

/** Validates a route-advice request body (422 with where and what) and answers it under the team's context. */
export function adviseRoute(body: unknown, ctx: PolicyContext, now: Date): RouteResponse {
  const parsed = routeRequestSchema.safeParse(body)
  if (!parsed.success) throw new AppError('invalid', `invalid route request: ${describeZodError(parsed.error)}`)
  const b = parsed.data
  const unknown = (b.candidates ?? []).filter((c) => !ctx.catalog.bySlug.has(c))
  if (unknown.length > 0) throw new AppError('invalid', `candidates: unknown model(s) ${unknown.slice(0, 5).map((c) => `'${c}'`).join(', ')} (use catalog slugs, e.g. gpt-4o, deepseek-v3)`)
  const r = recommendModel(
    {
      task: b.task,
      dataClass: b.data_class,
      latencyBudgetMs: b.latency_budget_ms,
      expectedInputTokens: b.expected_input_tokens,
      expectedOutputTokens: b.expected_output_tokens,
      critical: b.critical,
      candidates: b.candidates,
    },
    ctx,
    now,
  )
  return {
    model: r.model,
    reason: r.reason,
    citation: r.citation,
    estimated_cost_usd: r.estimatedCost?.toFixed() ?? null,
    price_source: r.priceSource,
    alternatives: r.alternatives.map((a) => ({ model: a.model, estimated_cost_usd: a.estimatedCost?.toFixed() ?? null, why_not: a.whyNot })),
  }
}
