import { describe, expect, it } from 'vitest'
import { buildOpenApiDocument } from './build-openapi-document'

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument()
  it('is OpenAPI 3.1 and documents the ingest endpoints', () => {
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/usage', '/api/v1/otlp/v1/traces', '/api/v1/integrations/litellm', '/api/v1/route', '/api/v1/spend', '/api/v1/advice', '/api/v1/exports/focus', '/api/v1/bills', '/api/v1/bills/reconciliation']))
  })
  it('documents both OTLP encodings and gzip', () => {
    const otlp = (doc.paths['/api/v1/otlp/v1/traces'] as { post: { requestBody: { content: Record<string, unknown> }; parameters: { name: string }[] } }).post
    expect(Object.keys(otlp.requestBody.content)).toEqual(['application/x-protobuf', 'application/json'])
    expect(otlp.parameters.map((p) => p.name)).toContain('Content-Encoding')
  })
  it('derives the event schema from the validator: every public field, unknown fields rejected', () => {
    const ev = doc.components.schemas.UsageEvent as { properties: Record<string, unknown>; required: string[]; additionalProperties: unknown }
    expect(Object.keys(ev.properties)).toEqual(
      expect.arrayContaining(['id', 'timestamp', 'model', 'provider', 'usage', 'input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_write_tokens', 'reasoning_tokens', 'latency_ms', 'task', 'data_class', 'tags']),
    )
    expect(ev.required).toEqual(expect.arrayContaining(['id', 'timestamp', 'model']))
    expect(ev.additionalProperties).toBe(false)
  })
})
