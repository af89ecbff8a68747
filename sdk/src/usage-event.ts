// What a caller records, and the wire form POST /api/v1/usage takes (snake_case, one event).

export const taskTypes = ['chat', 'code', 'math', 'reasoning', 'realtime', 'batch', 'summarize', 'extract', 'classify', 'translate', 'embedding', 'other'] as const
export type Task = (typeof taskTypes)[number]
export const dataClasses = ['public', 'internal', 'confidential', 'restricted'] as const
export type DataClass = (typeof dataClasses)[number]

export type Tags = Record<string, string | number | boolean>

export type UsageEvent = {
  /** Unique per team; a resend with the same id is counted once. Default: a random UUID. */
  id?: string
  /** When the call happened. Default: now. */
  timestamp?: Date | string
  model: string
  provider?: string
  /** The provider's own usage object (OpenAI chat or responses, Anthropic), as it came back. */
  usage?: Record<string, unknown>
  /** Or flat buckets: input excludes cache reads/writes, output excludes reasoning. */
  inputTokens?: number
  outputTokens?: number
  cacheReadTokens?: number
  cacheWriteTokens?: number
  reasoningTokens?: number
  latencyMs?: number
  task?: Task
  dataClass?: DataClass
  tags?: Tags
}

export type WireEvent = {
  id: string
  timestamp: string
  model: string
  provider?: string
  usage?: Record<string, unknown>
  input_tokens?: number
  output_tokens?: number
  cache_read_tokens?: number
  cache_write_tokens?: number
  reasoning_tokens?: number
  latency_ms?: number
  task?: Task
  data_class?: DataClass
  tags?: Record<string, string>
}

const flatFields = [
  ['inputTokens', 'input_tokens'],
  ['outputTokens', 'output_tokens'],
  ['cacheReadTokens', 'cache_read_tokens'],
  ['cacheWriteTokens', 'cache_write_tokens'],
  ['reasoningTokens', 'reasoning_tokens'],
] as const

/**
 * The event as it is sent, with its id fixed now so every retry carries the same one. Returns an
 * error message instead of throwing: recording must never break the caller.
 */
export function toWireEvent(e: UsageEvent, now: Date, newId: () => string): WireEvent | string {
  if (!e || typeof e !== 'object') return 'an event must be an object'
  if (typeof e.model !== 'string' || e.model.trim() === '') return 'model is required'
  const ts = e.timestamp === undefined ? now : new Date(e.timestamp)
  if (Number.isNaN(ts.getTime())) return `timestamp ${String(e.timestamp)} is not a date`
  const out: WireEvent = { id: e.id ?? newId(), timestamp: ts.toISOString(), model: e.model }
  if (e.provider) out.provider = e.provider
  if (e.usage) out.usage = e.usage
  for (const [from, to] of flatFields) {
    const v = e[from]
    if (v !== undefined) out[to] = v
  }
  if (e.latencyMs !== undefined) out.latency_ms = Math.max(0, Math.round(e.latencyMs))
  if (e.task) out.task = e.task
  if (e.dataClass) out.data_class = e.dataClass
  if (e.tags) out.tags = Object.fromEntries(Object.entries(e.tags).map(([k, v]) => [k, String(v)]))
  return out
}
