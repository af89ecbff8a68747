import { describe, expect, it } from 'vitest'
import { normalizeUsage } from './normalize-usage'
import type { TokenBuckets } from './token-buckets'
import { tokenBuckets as b } from './test-fixtures'

type Ok = { name: string; args: Parameters<typeof normalizeUsage>[0]; shape: string; buckets: TokenBuckets }

const accepted: Ok[] = [
  {
    name: 'OpenAI chat: cached inside prompt, reasoning inside completion',
    args: {
      provider: 'openai',
      usage: {
        prompt_tokens: 1000,
        completion_tokens: 500,
        total_tokens: 1500,
        prompt_tokens_details: { cached_tokens: 600, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 200, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      },
    },
    shape: 'openai_chat',
    buckets: b(400, 600, 0, 300, 200),
  },
  {
    name: 'OpenAI chat detected by keys without provider',
    args: { usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } },
    shape: 'openai_chat',
    buckets: b(10, 0, 0, 5, 0),
  },
  {
    name: 'OpenAI chat with null details (SDKs serialise unset fields as null)',
    args: { provider: 'azure', usage: { prompt_tokens: 7, completion_tokens: 3, prompt_tokens_details: null, completion_tokens_details: null } },
    shape: 'openai_chat',
    buckets: b(7, 0, 0, 3, 0),
  },
  {
    name: 'OpenAI embeddings: no completion_tokens',
    args: { provider: 'openai', usage: { prompt_tokens: 42, total_tokens: 42 } },
    shape: 'openai_chat',
    buckets: b(42, 0, 0, 0, 0),
  },
  {
    name: 'DeepSeek: prompt_cache_hit_tokens is the cache read',
    args: {
      provider: 'deepseek',
      usage: {
        prompt_tokens: 21530,
        completion_tokens: 9,
        total_tokens: 21539,
        prompt_cache_hit_tokens: 320,
        prompt_cache_miss_tokens: 21210,
        completion_tokens_details: { reasoning_tokens: 4 },
      },
    },
    shape: 'openai_chat',
    buckets: b(21210, 320, 0, 5, 4),
  },
  {
    name: 'gateway chat usage with Anthropic cache keys counted inside prompt_tokens',
    args: {
      usage: {
        prompt_tokens: 98805,
        completion_tokens: 5120,
        prompt_tokens_details: { cached_tokens: 66360, cache_creation_tokens: 32435 },
        completion_tokens_details: { reasoning_tokens: 1710 },
        cache_read_input_tokens: 66360,
        cache_creation_input_tokens: 32435,
      },
    },
    shape: 'openai_chat',
    buckets: b(10, 66360, 32435, 3410, 1710),
  },
  {
    name: 'OpenAI Responses API',
    args: {
      provider: 'openai',
      usage: {
        input_tokens: 328,
        input_tokens_details: { cached_tokens: 128 },
        output_tokens: 52,
        output_tokens_details: { reasoning_tokens: 20 },
        total_tokens: 380,
      },
    },
    shape: 'openai_responses',
    buckets: b(200, 128, 0, 32, 20),
  },
  {
    name: 'Responses detected by *_details keys without provider',
    args: { usage: { input_tokens: 10, input_tokens_details: { cached_tokens: 10 }, output_tokens: 0 } },
    shape: 'openai_responses',
    buckets: b(0, 10, 0, 0, 0),
  },
  {
    name: 'bare input/output without provider: labelled Responses, same buckets as Anthropic',
    args: { usage: { input_tokens: 11, output_tokens: 22 } },
    shape: 'openai_responses',
    buckets: b(11, 0, 0, 22, 0),
  },
  {
    name: 'Anthropic: input excludes cache, extra fields tolerated',
    args: {
      provider: 'anthropic',
      usage: {
        input_tokens: 12,
        cache_read_input_tokens: 2495,
        cache_creation_input_tokens: 800,
        output_tokens: 300,
        service_tier: 'standard',
        server_tool_use: { web_search_requests: 1 },
        cache_creation: { ephemeral_5m_input_tokens: 800, ephemeral_1h_input_tokens: 0 },
      },
    },
    shape: 'anthropic',
    buckets: b(12, 2495, 800, 300, 0),
  },
  {
    name: 'Anthropic detected by cache keys without provider',
    args: { usage: { input_tokens: 3, output_tokens: 4, cache_read_input_tokens: 5, cache_creation_input_tokens: null } },
    shape: 'anthropic',
    buckets: b(3, 5, 0, 4, 0),
  },
  {
    name: 'Anthropic bare input/output when the provider says so',
    args: { provider: 'Anthropic', usage: { input_tokens: 3, output_tokens: 4 } },
    shape: 'anthropic',
    buckets: b(3, 0, 0, 4, 0),
  },
  {
    name: 'unknown provider falls back to key detection',
    args: { provider: 'groq', usage: { prompt_tokens: 9, completion_tokens: 1, queue_time: 0.01 } },
    shape: 'openai_chat',
    buckets: b(9, 0, 0, 1, 0),
  },
  {
    name: 'flat fields are canonical and default to 0',
    args: { flat: { input_tokens: 100, reasoning_tokens: 7 } },
    shape: 'flat',
    buckets: b(100, 0, 0, 0, 7),
  },
  {
    name: 'flat with every bucket',
    args: { flat: { input_tokens: 1, cache_read_tokens: 2, cache_write_tokens: 3, output_tokens: 4, reasoning_tokens: 5 } },
    shape: 'flat',
    buckets: b(1, 2, 3, 4, 5),
  },
  {
    name: 'flat zeros are a real (empty) usage',
    args: { flat: { input_tokens: 0 } },
    shape: 'flat',
    buckets: b(0, 0, 0, 0, 0),
  },
  {
    name: 'flat object with only undefined fields does not conflict with usage',
    args: { flat: { input_tokens: undefined }, usage: { prompt_tokens: 1 } },
    shape: 'openai_chat',
    buckets: b(1, 0, 0, 0, 0),
  },
  {
    name: 'the 1e9 upper bound is inclusive',
    args: { flat: { output_tokens: 1_000_000_000 } },
    shape: 'flat',
    buckets: b(0, 0, 0, 1_000_000_000, 0),
  },
]

describe('normalizeUsage accepts', () => {
  it.each(accepted)('$name', ({ args, shape, buckets }) => {
    expect(normalizeUsage(args)).toEqual({ ok: true, shape, buckets })
  })
})

const rejected: { name: string; args: Parameters<typeof normalizeUsage>[0]; error: string | RegExp }[] = [
  { name: 'nothing at all', args: {}, error: /^no token usage/ },
  { name: 'usage null and flat empty', args: { usage: null, flat: {} }, error: /^no token usage/ },
  { name: 'both usage and flat', args: { usage: { prompt_tokens: 1 }, flat: { input_tokens: 1 } }, error: /not both/ },
  { name: 'usage is an array', args: { usage: [1, 2] }, error: 'usage must be an object (got an array)' },
  { name: 'usage is a string', args: { usage: '{"prompt_tokens":1}' }, error: /^usage must be an object/ },
  { name: 'no recognised keys (Bedrock camelCase)', args: { usage: { inputTokens: 1, outputTokens: 2 } }, error: /no recognised token fields/ },
  {
    name: 'cached not an integer',
    args: { usage: { prompt_tokens: 10, prompt_tokens_details: { cached_tokens: 1.5 } } },
    error: 'usage.prompt_tokens_details.cached_tokens must be an integer ≥ 0 (got 1.5)',
  },
  {
    name: 'cached exceeds prompt',
    args: { usage: { prompt_tokens: 10, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 11 } } },
    error: 'usage.prompt_tokens_details.cached_tokens (11) exceeds usage.prompt_tokens (10)',
  },
  {
    name: 'cache read + write exceed prompt (a gateway counting writes outside prompt_tokens)',
    args: { usage: { prompt_tokens: 10, cache_read_input_tokens: 6, cache_creation_input_tokens: 5 } },
    error: 'usage.cache_read_input_tokens (6) + usage.cache_creation_input_tokens (5) exceeds usage.prompt_tokens (10)',
  },
  {
    name: 'reasoning exceeds completion',
    args: { usage: { prompt_tokens: 1, completion_tokens: 3, completion_tokens_details: { reasoning_tokens: 4 } } },
    error: 'usage.completion_tokens_details.reasoning_tokens (4) exceeds usage.completion_tokens (3)',
  },
  {
    name: 'Responses reasoning exceeds output',
    args: { usage: { input_tokens: 1, output_tokens: 3, output_tokens_details: { reasoning_tokens: 9 } } },
    error: 'usage.output_tokens_details.reasoning_tokens (9) exceeds usage.output_tokens (3)',
  },
  { name: 'negative count', args: { usage: { prompt_tokens: -1 } }, error: 'usage.prompt_tokens must be an integer ≥ 0 (got -1)' },
  { name: 'string count', args: { usage: { prompt_tokens: '12' } }, error: 'usage.prompt_tokens must be an integer ≥ 0 (got "12")' },
  { name: 'NaN count', args: { flat: { input_tokens: Number.NaN } }, error: 'input_tokens must be an integer ≥ 0 (got NaN)' },
  { name: 'Infinity count', args: { flat: { output_tokens: Infinity } }, error: 'output_tokens must be an integer ≥ 0 (got Infinity)' },
  { name: 'boolean count', args: { flat: { output_tokens: true } }, error: 'output_tokens must be an integer ≥ 0 (got true)' },
  { name: 'count above 1e9', args: { flat: { cache_read_tokens: 1_000_000_001 } }, error: /cache_read_tokens \(1000000001\) exceeds the limit/ },
  { name: 'prompt_tokens required for chat', args: { provider: 'deepseek', usage: { completion_tokens: 5 } }, error: 'usage.prompt_tokens is required' },
  { name: 'input_tokens required for Anthropic', args: { provider: 'anthropic', usage: { output_tokens: 5 } }, error: 'usage.input_tokens is required' },
  {
    name: 'Anthropic provider with OpenAI chat usage',
    args: { provider: 'anthropic', usage: { prompt_tokens: 5, completion_tokens: 1, input_tokens: 5 } },
    error: /^usage\.prompt_tokens is not a field of Anthropic usage/,
  },
  {
    name: 'OpenAI provider with Anthropic usage would drop cache tokens',
    args: { provider: 'openai', usage: { input_tokens: 5, output_tokens: 1, cache_read_input_tokens: 100 } },
    error: /^usage\.cache_read_input_tokens is not a field of OpenAI Responses usage/,
  },
  {
    name: 'details must be an object',
    args: { usage: { prompt_tokens: 5, prompt_tokens_details: 3 } },
    error: 'usage.prompt_tokens_details must be an object (got 3)',
  },
  {
    name: 'unknown field too deep',
    args: { usage: { prompt_tokens: 5, extra: { a: { b: { c: { d: 1 } } } } } },
    error: /^usage\.extra must be a plain JSON value/,
  },
  {
    name: 'unknown field with a long string',
    args: { provider: 'anthropic', usage: { input_tokens: 5, note: 'x'.repeat(300) } },
    error: /^usage\.note must be a plain JSON value/,
  },
  {
    name: 'unknown detail field that is not plain',
    args: { usage: { input_tokens: 5, input_tokens_details: { cached_tokens: 1, blob: 'y'.repeat(257) } } },
    error: /^usage\.input_tokens_details\.blob must be a plain JSON value/,
  },
  { name: 'flat fractional', args: { flat: { input_tokens: 2.5 } }, error: 'input_tokens must be an integer ≥ 0 (got 2.5)' },
]

describe('normalizeUsage rejects, saying what and where', () => {
  it.each(rejected)('$name', ({ args, error }) => {
    const r = normalizeUsage(args)
    expect(r.ok).toBe(false)
    if (r.ok) return
    if (typeof error === 'string') expect(r.error).toBe(error)
    else expect(r.error).toMatch(error)
  })
})
