import { z } from 'zod'
import { Decimal } from '@/lib/pricing/decimal'
import { parseOpenAiChatUsage } from '@/lib/usage/parse-provider-usage'
import { UsageFieldError, isRecord } from '@/lib/usage/usage-fields'
import type { EventExtras } from './prepare-events'
import { dataClasses, describeZodError, taskTypes } from './usage-event-schema'

// LiteLLM's generic_api callback posts StandardLoggingPayload objects (litellm/types/utils.py; documented
// as the "StandardLoggingPayload Specification"). Each becomes one event in the public event shape, so it
// goes through the same validation, pricing and idempotent insert as POST /api/v1/usage.

export type LiteLlmEvent = {
  /** The event in the public shape of POST /api/v1/usage. */
  event: Record<string, unknown>
  extras: EventExtras
  /** metadata.user_api_key_team_alias, else user_api_key_team_id: whose call it was, for an org key. */
  team: string | null
}

export type LiteLlmParseResult = { index: number; id: string; ok: true; value: LiteLlmEvent } | { index: number; id: string; ok: false; error: string }

const seconds = z.number().finite().positive()
const count = z.number().int().min(0).nullish()
const text = z.string().nullish()

// Only the fields ModelLedger reads; the payload has many more (messages, response, hidden_params…).
const payloadSchema = z.looseObject({
  id: z.string().min(1).max(128),
  status: z.enum(['success', 'failure']).nullish(),
  call_type: text,
  response_cost: z.number().nullish(),
  custom_llm_provider: text,
  prompt_tokens: count,
  completion_tokens: count,
  startTime: seconds.nullish(),
  endTime: seconds,
  model: text,
  model_group: text,
  cache_hit: z.boolean().nullish(),
  request_tags: z.array(z.unknown()).nullish(),
  metadata: z.looseObject({ user_api_key_team_alias: text, user_api_key_team_id: text, spend_logs_metadata: z.record(z.string(), z.unknown()).nullish() }).nullish(),
  response: z.unknown().optional(),
  error_information: z.looseObject({ llm_provider: text }).nullish(),
})

type Payload = z.infer<typeof payloadSchema>

const callTypeTasks: Readonly<Record<string, string>> = {
  completion: 'chat',
  acompletion: 'chat',
  text_completion: 'chat',
  atext_completion: 'chat',
  responses: 'chat',
  aresponses: 'chat',
  anthropic_messages: 'chat',
  embedding: 'embedding',
  aembedding: 'embedding',
}

const MAX_TAGS = 20

/** One StandardLoggingPayload → an event (or what is wrong with it, and where). Pure. */
export function parseLiteLlmPayload(raw: unknown, index: number): LiteLlmParseResult {
  const where = `payloads[${index}]`
  const rawId = isRecord(raw) && typeof raw.id === 'string' ? raw.id : `#${index}`
  const parsed = payloadSchema.safeParse(raw)
  if (!parsed.success) return { index, id: rawId, ok: false, error: describeZodError(parsed.error, where) }
  const p = parsed.data
  const model = nonEmpty(p.model) ?? nonEmpty(p.model_group)
  if (!model) return { index, id: p.id, ok: false, error: `${where}: model or model_group is required` }
  const failed = p.status === 'failure'
  let tokens: Record<string, number>
  try {
    tokens = failed ? { input_tokens: 0, output_tokens: 0 } : tokenFields(p)
  } catch (e) {
    if (e instanceof UsageFieldError) return { index, id: p.id, ok: false, error: `${where}.response.${e.message}` }
    throw e
  }
  const provider = nonEmpty(p.custom_llm_provider) ?? nonEmpty(p.error_information?.llm_provider)
  const tags = tagsOf(p)
  // A tag task:<type> / data_class:<class> (request metadata tags) feeds the policy like the event fields.
  const taggedTask = (taskTypes as readonly string[]).includes(tags.task ?? '') ? tags.task : undefined
  const task = taggedTask ?? (p.call_type && Object.hasOwn(callTypeTasks, p.call_type) ? callTypeTasks[p.call_type] : undefined)
  const dataClass = (dataClasses as readonly string[]).includes(tags.data_class ?? '') ? tags.data_class : undefined
  const latencyMs = p.startTime != null && p.endTime >= p.startTime ? Math.round((p.endTime - p.startTime) * 1000) : undefined
  return {
    index,
    id: p.id,
    ok: true,
    value: {
      event: {
        id: p.id,
        timestamp: new Date(Math.round(p.endTime * 1000)).toISOString(),
        model,
        ...(provider ? { provider } : {}),
        ...tokens,
        ...(latencyMs !== undefined && latencyMs <= 86_400_000 ? { latency_ms: latencyMs } : {}),
        ...(task ? { task } : {}),
        ...(dataClass ? { data_class: dataClass } : {}),
        ...(Object.keys(tags).length > 0 ? { tags } : {}),
      },
      // Python's json writes a float's shortest round-trip form, which is what String(number) gives back.
      extras: { failed, reportedCost: p.response_cost != null && Number.isFinite(p.response_cost) ? new Decimal(String(p.response_cost)) : null },
      team: nonEmpty(p.metadata?.user_api_key_team_alias) ?? nonEmpty(p.metadata?.user_api_key_team_id) ?? null,
    },
  }
}

/**
 * The response's usage (OpenAI chat shape: LiteLLM normalises every provider to it) gives the cache and
 * reasoning split; without it (messages and responses not logged) only the prompt and completion totals.
 * A call LiteLLM answered from its own cache reached no provider: no tokens billed.
 */
function tokenFields(p: Payload): Record<string, number> {
  if (p.cache_hit === true) return { input_tokens: 0, output_tokens: 0 }
  const usage = isRecord(p.response) && isRecord(p.response.usage) ? p.response.usage : null
  if (usage) {
    const b = parseOpenAiChatUsage(usage)
    return { input_tokens: b.input, cache_read_tokens: b.cacheRead, cache_write_tokens: b.cacheWrite, output_tokens: b.output, reasoning_tokens: b.reasoning }
  }
  return { input_tokens: p.prompt_tokens ?? 0, output_tokens: p.completion_tokens ?? 0 }
}

/**
 * request_tags ("env:prod" → env = prod, a bare "beta" → beta = true) and the string values of
 * metadata.spend_logs_metadata, within the event's tag limits (20 tags, key ≤ 64, value ≤ 256): a tag
 * past them is left out rather than refusing the call it describes.
 */
function tagsOf(p: Payload): Record<string, string> {
  const tags: Record<string, string> = Object.create(null)
  const add = (key: string, value: string) => {
    key = key.trim()
    if (key === '' || key.length > 64 || key === '__proto__' || Object.keys(tags).length >= MAX_TAGS) return
    tags[key] = value.slice(0, 256)
  }
  for (const t of p.request_tags ?? []) {
    if (typeof t !== 'string') continue
    const m = /^([^:=]+)[:=](.*)$/.exec(t)
    if (m) add(m[1] as string, (m[2] as string).trim())
    else add(t, 'true')
  }
  for (const [k, v] of Object.entries(p.metadata?.spend_logs_metadata ?? {})) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') add(k, String(v))
  if (p.cache_hit === true) add('litellm_cache_hit', 'true')
  return { ...tags }
}

function nonEmpty(s: string | null | undefined): string | undefined {
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : undefined
}
