import { describe, expect, it } from 'vitest'
import { normalizeOtelUsage, type OtelAttributes } from './normalize-otel-usage'
import type { TokenBuckets } from './token-buckets'
import { tokenBuckets as b } from './test-fixtures'

const accepted: { name: string; attrs: OtelAttributes; buckets: TokenBuckets }[] = [
  {
    name: 'input includes cache read and creation; output includes reasoning',
    attrs: {
      'gen_ai.usage.input_tokens': 100,
      'gen_ai.usage.cache_read.input_tokens': 50,
      'gen_ai.usage.cache_creation.input_tokens': 25,
      'gen_ai.usage.output_tokens': 180,
      'gen_ai.usage.reasoning.output_tokens': 50,
    },
    buckets: b(25, 50, 25, 130, 50),
  },
  {
    name: 'int64 as decimal strings (OTLP/JSON)',
    attrs: { 'gen_ai.usage.input_tokens': '123', 'gen_ai.usage.output_tokens': '7' },
    buckets: b(123, 0, 0, 7, 0),
  },
  {
    name: 'deprecated prompt/completion names',
    attrs: { 'gen_ai.usage.prompt_tokens': 9, 'gen_ai.usage.completion_tokens': 4 },
    buckets: b(9, 0, 0, 4, 0),
  },
  {
    name: 'current names win over deprecated ones',
    attrs: { 'gen_ai.usage.input_tokens': 10, 'gen_ai.usage.prompt_tokens': 99, 'gen_ai.usage.output_tokens': 1 },
    buckets: b(10, 0, 0, 1, 0),
  },
  {
    name: 'only output tokens',
    attrs: { 'gen_ai.usage.output_tokens': 5, 'gen_ai.request.model': 'gpt-4o' },
    buckets: b(0, 0, 0, 5, 0),
  },
  {
    name: 'cache read without an input total leaves no uncached input',
    attrs: { 'gen_ai.usage.cache_read.input_tokens': 40, 'gen_ai.usage.output_tokens': 2 },
    buckets: b(0, 40, 0, 2, 0),
  },
]

describe('normalizeOtelUsage', () => {
  it.each(accepted)('accepts: $name', ({ attrs, buckets }) => {
    expect(normalizeOtelUsage(attrs)).toEqual({ ok: true, shape: 'otel', buckets })
  })

  it('returns null for a span without GenAI usage', () => {
    expect(normalizeOtelUsage({ 'http.method': 'GET', 'gen_ai.request.model': 'gpt-4o' })).toBeNull()
    expect(normalizeOtelUsage({})).toBeNull()
  })

  const rejected: { name: string; attrs: OtelAttributes; error: string }[] = [
    {
      name: 'cache parts exceed the input total (an instrumentation using Anthropic counting)',
      attrs: { 'gen_ai.usage.input_tokens': 12, 'gen_ai.usage.cache_read.input_tokens': 2495 },
      error: 'gen_ai.usage.cache_read.input_tokens (2495) exceeds gen_ai.usage.input_tokens (12), which should include it',
    },
    {
      name: 'reasoning exceeds output',
      attrs: { 'gen_ai.usage.output_tokens': 1, 'gen_ai.usage.reasoning.output_tokens': 2 },
      error: 'gen_ai.usage.reasoning.output_tokens (2) exceeds gen_ai.usage.output_tokens (1), which should include it',
    },
    {
      name: 'boolean',
      attrs: { 'gen_ai.usage.input_tokens': true },
      error: 'gen_ai.usage.input_tokens must be an integer ≥ 0 (got true)',
    },
    {
      name: 'non-numeric string',
      attrs: { 'gen_ai.usage.output_tokens': '12abc' },
      error: 'gen_ai.usage.output_tokens must be an integer ≥ 0 (got "12abc")',
    },
    {
      name: 'negative string',
      attrs: { 'gen_ai.usage.output_tokens': '-3' },
      error: 'gen_ai.usage.output_tokens must be an integer ≥ 0 (got "-3")',
    },
    {
      name: 'fractional number',
      attrs: { 'gen_ai.usage.input_tokens': 1.25 },
      error: 'gen_ai.usage.input_tokens must be an integer ≥ 0 (got 1.25)',
    },
    {
      name: 'above the limit',
      attrs: { 'gen_ai.usage.input_tokens': '5000000000' },
      error: 'gen_ai.usage.input_tokens (5000000000) exceeds the limit of 1000000000 tokens',
    },
  ]

  it.each(rejected)('rejects: $name', ({ attrs, error }) => {
    expect(normalizeOtelUsage(attrs)).toEqual({ ok: false, error })
  })
})
