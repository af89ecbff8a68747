import type { TaskType } from '@prisma/client'
import type { TokenBuckets } from '@/lib/usage/token-buckets'
import type { CallTraits } from './types'

// The per-event facts the rules read, defined once in TypeScript and once in SQL (for the what-if
// aggregation) side by side, so the two cannot drift apart unnoticed: test/integration/what-if.test.ts
// replays the same events both ways and requires equal numbers.

/** "Small output" for a chat call: a short answer that no reasoning model is needed for. */
export const SMALL_OUTPUT_TOKENS = 300

/** Reasoning models take 30–60 s (第二部分 · 路线 3; 第五部分 "30 秒延迟不可接受"): a budget below the
 *  low end cannot be met by one. */
export const REASONING_LATENCY_MS = 30_000

const LATENCY_BUDGET_PATTERN = /^\d{1,9}$/

export function parseLatencyBudget(tags: Readonly<Record<string, string>> | null): number | null {
  const raw = tags?.latency_budget_ms
  return raw !== undefined && LATENCY_BUDGET_PATTERN.test(raw) ? Number(raw) : null
}

export function eventTraits(e: {
  task: TaskType | null
  buckets: TokenBuckets
  tags: Readonly<Record<string, string>> | null
}): CallTraits {
  const budget = parseLatencyBudget(e.tags)
  return {
    criticalTag: e.tags?.critical === 'true',
    latencySensitive: e.task === 'realtime' || (budget !== null && budget < REASONING_LATENCY_MS),
    smallOutput: e.buckets.output <= SMALL_OUTPUT_TOKENS && e.buckets.reasoning === 0,
  }
}

/** The same traits as SQL boolean expressions over usage_events aliased `e`, never NULL (a NULL task is not realtime). */
export const traitSql = {
  criticalTag: `coalesce(e.tags->>'critical' = 'true', false)`,
  latencySensitive: `(coalesce(e.task = 'realtime', false) OR coalesce(CASE WHEN e.tags->>'latency_budget_ms' ~ '^[0-9]{1,9}$' THEN (e.tags->>'latency_budget_ms')::int < ${REASONING_LATENCY_MS} END, false))`,
  smallOutput: `(e.output_tokens <= ${SMALL_OUTPUT_TOKENS} AND e.reasoning_tokens = 0)`,
} as const
