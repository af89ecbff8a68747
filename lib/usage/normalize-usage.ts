import type { TokenBuckets } from './token-buckets'
import { parseAnthropicUsage, parseOpenAiChatUsage, parseOpenAiResponsesUsage } from './parse-provider-usage'
import { UsageFieldError, hasValue, isRecord, optionalCount, describeValue, type UsageRecord } from './usage-fields'

export type UsageShape = 'flat' | 'openai_chat' | 'openai_responses' | 'anthropic' | 'otel'

export type NormalizedUsage =
  | { ok: true; buckets: TokenBuckets; shape: UsageShape }
  | { ok: false; error: string }

export type FlatUsage = {
  input_tokens?: unknown
  output_tokens?: unknown
  cache_read_tokens?: unknown
  cache_write_tokens?: unknown
  reasoning_tokens?: unknown
}

type ProviderShape = Exclude<UsageShape, 'flat' | 'otel'>

const PARSERS: Record<ProviderShape, (u: UsageRecord) => TokenBuckets> = {
  openai_chat: parseOpenAiChatUsage,
  openai_responses: parseOpenAiResponsesUsage,
  anthropic: parseAnthropicUsage,
}

const OPENAI_FAMILY = new Set(['openai', 'azure', 'azure_openai', 'azure-openai'])

// The provider decides the shape when we know how it reports usage. Otherwise the keys decide:
// prompt_tokens → chat (checked first, since gateways such as LiteLLM add Anthropic's cache keys to
// chat usage); cache_*_input_tokens → Anthropic; anything else with input_tokens → Responses.
// Bare {input_tokens, output_tokens} is labelled Responses, but Anthropic's reading gives the very
// same buckets (no cache or reasoning detail to include or exclude), so the choice cannot misprice.
function chooseShape(u: UsageRecord, provider: string | undefined): ProviderShape | null {
  const p = provider?.trim().toLowerCase()
  const chatKeys = hasValue(u, 'prompt_tokens') || hasValue(u, 'completion_tokens')
  if (p === 'anthropic') return 'anthropic'
  if (p === 'deepseek') return 'openai_chat'
  if (p !== undefined && OPENAI_FAMILY.has(p)) return chatKeys ? 'openai_chat' : 'openai_responses'
  if (chatKeys) return 'openai_chat'
  if (hasValue(u, 'cache_read_input_tokens') || hasValue(u, 'cache_creation_input_tokens')) return 'anthropic'
  if (hasValue(u, 'input_tokens') || hasValue(u, 'output_tokens')) return 'openai_responses'
  return null
}

const FLAT_FIELDS = [
  ['input_tokens', 'input'],
  ['cache_read_tokens', 'cacheRead'],
  ['cache_write_tokens', 'cacheWrite'],
  ['output_tokens', 'output'],
  ['reasoning_tokens', 'reasoning'],
] as const

function hasFlatFields(flat: FlatUsage | undefined): flat is FlatUsage {
  return flat !== undefined && FLAT_FIELDS.some(([key]) => flat[key] !== undefined && flat[key] !== null)
}

// Flat fields are already canonical: input excludes cache, output excludes reasoning.
function parseFlatUsage(flat: FlatUsage): TokenBuckets {
  const b: TokenBuckets = { input: 0, cacheRead: 0, cacheWrite: 0, output: 0, reasoning: 0 }
  for (const [key, bucket] of FLAT_FIELDS) b[bucket] = optionalCount(flat[key], key) ?? 0
  return b
}

export function normalizeUsage(args: { provider?: string; usage?: unknown; flat?: FlatUsage }): NormalizedUsage {
  const hasUsage = args.usage !== undefined && args.usage !== null
  const hasFlat = hasFlatFields(args.flat)
  try {
    if (hasUsage && hasFlat) {
      // Two sources of truth for one call; picking one silently could bill the wrong numbers.
      return { ok: false, error: 'send either usage or the flat token fields (input_tokens, output_tokens, …), not both' }
    }
    if (hasFlat) return { ok: true, buckets: parseFlatUsage(args.flat as FlatUsage), shape: 'flat' }
    if (!hasUsage) {
      return {
        ok: false,
        error: 'no token usage: send usage (the provider response object) or at least one of input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens',
      }
    }
    if (!isRecord(args.usage)) return { ok: false, error: `usage must be an object (got ${describeValue(args.usage)})` }
    const shape = chooseShape(args.usage, args.provider)
    if (shape === null) {
      return {
        ok: false,
        error: 'usage has no recognised token fields (expected prompt_tokens/completion_tokens, or input_tokens/output_tokens)',
      }
    }
    return { ok: true, buckets: PARSERS[shape](args.usage), shape }
  } catch (e) {
    if (e instanceof UsageFieldError) return { ok: false, error: e.message }
    throw e
  }
}
