import type { TokenBuckets } from './token-buckets'
import {
  checkOtherFields,
  firstCount,
  optionalCount,
  optionalRecord,
  rejectForeignFields,
  requiredCount,
  subtractParts,
  type UsageRecord,
} from './usage-fields'

const CHAT_KNOWN = new Set([
  'prompt_tokens',
  'completion_tokens',
  'total_tokens',
  'prompt_tokens_details',
  'completion_tokens_details',
  'prompt_cache_hit_tokens',
  'prompt_cache_miss_tokens',
  'cache_read_input_tokens',
  'cache_creation_input_tokens',
])

// OpenAI chat completions (also Azure OpenAI, DeepSeek and most OpenAI-compatible gateways).
// Cache reads: DeepSeek's prompt_cache_hit_tokens, OpenAI's prompt_tokens_details.cached_tokens,
// or the top-level cache_read_input_tokens some gateways (LiteLLM) copy from Anthropic.
// Cache writes only appear through such gateways; they are counted inside prompt_tokens there,
// and a gateway that reports them outside prompt_tokens fails the remainder check rather than
// being mis-bucketed. Audio and prediction tokens stay in input/output (no bucket of their own).
export function parseOpenAiChatUsage(u: UsageRecord): TokenBuckets {
  rejectForeignFields(u, ['input_tokens_details', 'output_tokens_details'], 'OpenAI chat')
  checkOtherFields(u, CHAT_KNOWN, 'usage')
  const prompt = requiredCount(u.prompt_tokens, 'usage.prompt_tokens')
  // Embedding responses carry no completion_tokens.
  const completion = optionalCount(u.completion_tokens, 'usage.completion_tokens') ?? 0
  optionalCount(u.total_tokens, 'usage.total_tokens')
  optionalCount(u.prompt_cache_miss_tokens, 'usage.prompt_cache_miss_tokens')

  const promptDetails = optionalRecord(u.prompt_tokens_details, 'usage.prompt_tokens_details')
  const completionDetails = optionalRecord(u.completion_tokens_details, 'usage.completion_tokens_details')
  if (promptDetails) checkOtherFields(promptDetails, new Set(), 'usage.prompt_tokens_details')
  if (completionDetails) checkOtherFields(completionDetails, new Set(), 'usage.completion_tokens_details')

  const cacheRead =
    firstCount(u, ['prompt_cache_hit_tokens'], 'usage') ??
    firstCount(promptDetails, ['cached_tokens'], 'usage.prompt_tokens_details') ??
    firstCount(u, ['cache_read_input_tokens'], 'usage')
  const cacheWrite =
    firstCount(promptDetails, ['cache_creation_tokens', 'cache_creation_input_tokens'], 'usage.prompt_tokens_details') ??
    firstCount(u, ['cache_creation_input_tokens'], 'usage')
  const reasoning = firstCount(completionDetails, ['reasoning_tokens'], 'usage.completion_tokens_details')

  return {
    input: subtractParts({ value: prompt, path: 'usage.prompt_tokens' }, [cacheRead, cacheWrite]),
    cacheRead: cacheRead?.value ?? 0,
    cacheWrite: cacheWrite?.value ?? 0,
    output: subtractParts({ value: completion, path: 'usage.completion_tokens' }, [reasoning]),
    reasoning: reasoning?.value ?? 0,
  }
}

const RESPONSES_KNOWN = new Set(['input_tokens', 'output_tokens', 'total_tokens', 'input_tokens_details', 'output_tokens_details'])

// OpenAI Responses API: same inclusion rules as chat under different names.
export function parseOpenAiResponsesUsage(u: UsageRecord): TokenBuckets {
  rejectForeignFields(
    u,
    ['prompt_tokens', 'completion_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens'],
    'OpenAI Responses',
  )
  checkOtherFields(u, RESPONSES_KNOWN, 'usage')
  const input = requiredCount(u.input_tokens, 'usage.input_tokens')
  const output = optionalCount(u.output_tokens, 'usage.output_tokens') ?? 0
  optionalCount(u.total_tokens, 'usage.total_tokens')

  const inputDetails = optionalRecord(u.input_tokens_details, 'usage.input_tokens_details')
  const outputDetails = optionalRecord(u.output_tokens_details, 'usage.output_tokens_details')
  if (inputDetails) checkOtherFields(inputDetails, new Set(), 'usage.input_tokens_details')
  if (outputDetails) checkOtherFields(outputDetails, new Set(), 'usage.output_tokens_details')
  const cacheRead = firstCount(inputDetails, ['cached_tokens'], 'usage.input_tokens_details')
  const reasoning = firstCount(outputDetails, ['reasoning_tokens'], 'usage.output_tokens_details')

  return {
    input: subtractParts({ value: input, path: 'usage.input_tokens' }, [cacheRead]),
    cacheRead: cacheRead?.value ?? 0,
    cacheWrite: 0,
    output: subtractParts({ value: output, path: 'usage.output_tokens' }, [reasoning]),
    reasoning: reasoning?.value ?? 0,
  }
}

const ANTHROPIC_KNOWN = new Set(['input_tokens', 'output_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens'])

// Anthropic Messages: input_tokens already excludes cache reads and writes. Extended-thinking
// tokens are inside output_tokens with no separate count, so they are billed as output.
export function parseAnthropicUsage(u: UsageRecord): TokenBuckets {
  rejectForeignFields(u, ['prompt_tokens', 'completion_tokens', 'input_tokens_details', 'output_tokens_details'], 'Anthropic')
  checkOtherFields(u, ANTHROPIC_KNOWN, 'usage')
  return {
    input: requiredCount(u.input_tokens, 'usage.input_tokens'),
    cacheRead: optionalCount(u.cache_read_input_tokens, 'usage.cache_read_input_tokens') ?? 0,
    cacheWrite: optionalCount(u.cache_creation_input_tokens, 'usage.cache_creation_input_tokens') ?? 0,
    output: optionalCount(u.output_tokens, 'usage.output_tokens') ?? 0,
    reasoning: 0,
  }
}
