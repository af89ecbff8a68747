import { describe, expect, it } from 'vitest'
import { anthropicPayload, failurePayload, openAiChatPayload } from '@/test/fixtures/litellm-standard-logging-payload'
import { parseLiteLlmBody } from './parse-litellm-body'
import { parseLiteLlmPayload } from './parse-litellm-payloads'

const end = 1765094401.35

describe('parseLiteLlmPayload', () => {
  it('maps a documented OpenAI payload: id, end time, latency, provider, split tokens, tags, both costs', () => {
    const p = openAiChatPayload(end, { teamAlias: 'search' })
    const r = parseLiteLlmPayload(p, 0)
    expect(r.ok && r.value).toEqual({
      event: { id: p.id, timestamp: '2025-12-07T08:00:01.350Z', model: 'gpt-4o-2024-08-06', provider: 'openai', input_tokens: 1000, cache_read_tokens: 200, cache_write_tokens: 0, output_tokens: 400, reasoning_tokens: 100, latency_ms: 1250, task: 'chat', tags: { env: 'prod', beta: 'true', feature: 'ticket-summary' } },
      extras: { failed: false, reportedCost: expect.objectContaining({}) },
      team: 'search',
    })
    expect(r.ok && r.value.extras.reportedCost?.toFixed()).toBe('0.00775')
  })

  it('Anthropic through LiteLLM: cache reads and writes come out of prompt_tokens', () => {
    const r = parseLiteLlmPayload(anthropicPayload(end), 0)
    expect(r.ok && r.value.event).toMatchObject({ provider: 'anthropic', input_tokens: 100, cache_read_tokens: 900, cache_write_tokens: 50, output_tokens: 250 })
  })

  it('a failure is a failed call with no tokens; the provider comes from error_information when missing', () => {
    const r = parseLiteLlmPayload({ ...failurePayload(end), custom_llm_provider: null }, 0)
    expect(r.ok && r.value).toMatchObject({ event: { input_tokens: 0, output_tokens: 0, provider: 'openai' }, extras: { failed: true } })
  })

  it('without the response (message logging off) the prompt and completion totals are used; a LiteLLM cache hit bills nothing', () => {
    const noResponse = parseLiteLlmPayload({ ...openAiChatPayload(end), response: 'redacted-by-litellm' }, 0)
    expect(noResponse.ok && noResponse.value.event).toMatchObject({ input_tokens: 1200, output_tokens: 500 })
    const hit = parseLiteLlmPayload({ ...openAiChatPayload(end), cache_hit: true }, 0)
    expect(hit.ok && hit.value.event).toMatchObject({ input_tokens: 0, output_tokens: 0, tags: { litellm_cache_hit: 'true' } })
  })

  it.each([
    [{ endTime: '2025-12-07' }, /^payloads\[4\]\.endTime: /],
    [{ id: 7 }, /^payloads\[4\]\.id: /],
    [{ model: null, model_group: '  ' }, /^payloads\[4\]: model or model_group is required/],
    [{ response: { usage: { prompt_tokens: 10, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 50 } } } }, /^payloads\[4\]\.response\.usage\.prompt_tokens/],
    [{ status: 'pending' }, /^payloads\[4\]\.status: /],
  ])('%j is refused, saying where', (patch, message) => {
    const r = parseLiteLlmPayload({ ...openAiChatPayload(end), ...patch }, 4)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.error).toMatch(message)
  })

  it('keeps at most 20 tags and skips keys it could not store', () => {
    const r = parseLiteLlmPayload({ ...openAiChatPayload(end), request_tags: [...Array.from({ length: 30 }, (_, i) => `t${i}`), '__proto__:x', `${'k'.repeat(65)}:v`] }, 0)
    expect(r.ok && Object.keys(r.value.event.tags as object)).toHaveLength(20)
  })
})

describe('parseLiteLlmBody', () => {
  const enc = (s: string) => new TextEncoder().encode(s)
  it('reads json_array, single and ndjson', () => {
    expect(parseLiteLlmBody(enc('[{"id":"a"},{"id":"b"}]'))).toEqual([{ id: 'a' }, { id: 'b' }])
    expect(parseLiteLlmBody(enc('{"id":"a"}'))).toEqual([{ id: 'a' }])
    expect(parseLiteLlmBody(enc('{"id":"a"}\n{"id":"b"}\n'))).toEqual([{ id: 'a' }, { id: 'b' }])
  })
  it.each([
    ['', /empty/],
    ['42', /expected a StandardLoggingPayload object/],
    ['{"id":', /malformed JSON/],
    ['{"id":"a"}\n{"id":', /malformed NDJSON: line 2/],
  ])('%j is refused', (body, message) => {
    expect(() => parseLiteLlmBody(enc(body))).toThrow(message)
  })
})
