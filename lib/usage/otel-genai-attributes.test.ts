import { describe, expect, it } from 'vitest'
import { parseOtlpTraces } from '@/lib/ingest/parse-otlp-traces'
import { otelGenAiAttributes, readOtelAttribute } from './otel-genai-attributes'

const span = (attrs: Record<string, string | number>) => ({
  resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', endTimeUnixNano: '1765094401350000000', attributes: Object.entries(attrs).map(([key, v]) => ({ key, value: typeof v === 'number' ? { intValue: v } : { stringValue: v } })) }] }] }],
})

describe('the OTel GenAI name table', () => {
  it('lists the current name before the older one for every renamed meaning', () => {
    expect(otelGenAiAttributes.provider).toEqual(['gen_ai.provider.name', 'gen_ai.system'])
    expect(otelGenAiAttributes.inputTokens).toEqual(['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'])
    expect(otelGenAiAttributes.outputTokens).toEqual(['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'])
    expect(readOtelAttribute({ 'gen_ai.system': 'old', 'gen_ai.provider.name': 'new' }, 'provider')).toBe('new')
  })

  it.each([
    ['current names', { 'gen_ai.provider.name': 'gcp.vertex_ai', 'gen_ai.response.model': 'gemini-1.5-pro', 'gen_ai.usage.input_tokens': 10, 'gen_ai.usage.output_tokens': 3 }, 'gcp.vertex_ai'],
    ['older names, older provider value', { 'gen_ai.system': 'vertex_ai', 'gen_ai.request.model': 'gemini-1.5-pro', 'gen_ai.usage.prompt_tokens': 10, 'gen_ai.usage.completion_tokens': 3 }, 'gcp.vertex_ai'],
    ['az.ai.openai becomes azure.ai.openai', { 'gen_ai.system': 'az.ai.openai', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.prompt_tokens': 10, 'gen_ai.usage.completion_tokens': 3 }, 'azure.ai.openai'],
    ['a provider named like an Object.prototype key stays as sent', { 'gen_ai.system': 'constructor', 'gen_ai.request.model': 'x', 'gen_ai.usage.input_tokens': 10, 'gen_ai.usage.output_tokens': 3 }, 'constructor'],
  ])('%s → one event, same tokens', (_name, attrs, provider) => {
    const out = parseOtlpTraces(span(attrs))
    expect(out.rejected).toEqual([])
    expect(out.events[0]).toMatchObject({ provider, input_tokens: 10, output_tokens: 3 })
  })
})
