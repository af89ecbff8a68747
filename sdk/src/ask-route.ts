import type { Transport } from './post-batch.js'
import { USER_AGENT } from './version.js'
import type { DataClass, Task } from './usage-event.js'

export type RouteQuestion = {
  task: Task
  dataClass: DataClass
  latencyBudgetMs?: number
  expectedInputTokens?: number
  expectedOutputTokens?: number
  critical?: boolean
  /** Model slugs to choose among (default: the whole catalog). */
  candidates?: string[]
}

export type RouteAdvice = {
  model: string
  reason: string
  citation: string | null
  /** Exact decimal string in USD, or null when the model has no price. */
  estimatedCostUsd: string | null
  priceSource: string | null
  alternatives: { model: string; estimatedCostUsd: string | null; whyNot: string }[]
}

type Wire = {
  model: string
  reason: string
  citation?: string | null
  estimated_cost_usd?: string | null
  price_source?: string | null
  alternatives?: { model: string; estimated_cost_usd?: string | null; why_not: string }[]
}

/** POST /api/v1/route. Throws with the ledger's own message; ModelLedger.route turns that into null. */
export async function askRoute(t: Transport, q: RouteQuestion): Promise<RouteAdvice> {
  const body = {
    task: q.task,
    data_class: q.dataClass,
    latency_budget_ms: q.latencyBudgetMs,
    expected_input_tokens: q.expectedInputTokens,
    expected_output_tokens: q.expectedOutputTokens,
    critical: q.critical,
    candidates: q.candidates,
  }
  const res = await t.fetch(t.url, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json', 'user-agent': USER_AGENT },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(t.timeoutMs),
  })
  const json = (await res.json().catch(() => null)) as (Wire & { error?: { message?: string } }) | null
  if (!res.ok || !json || typeof json.model !== 'string') throw new Error(`HTTP ${res.status}${json?.error?.message ? `: ${json.error.message}` : ''}`)
  return {
    model: json.model,
    reason: json.reason,
    citation: json.citation ?? null,
    estimatedCostUsd: json.estimated_cost_usd ?? null,
    priceSource: json.price_source ?? null,
    alternatives: (json.alternatives ?? []).map((a) => ({ model: a.model, estimatedCostUsd: a.estimated_cost_usd ?? null, whyNot: a.why_not })),
  }
}
