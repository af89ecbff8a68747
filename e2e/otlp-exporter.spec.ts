import { expect, test } from '@playwright/test'
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { SimpleSpanProcessor, TracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace'
import { randomBytes } from 'node:crypto'
import { createApiKey } from '@/lib/auth/api-keys'
import { prisma } from '@/lib/db'

// The exporters' own enum, which their package re-exports only as a type of the option.
const gzip = 'gzip' as NonNullable<NonNullable<ConstructorParameters<typeof OtlpProtoExporter>[0]>['compression']>

// Real OpenTelemetry JS SDK exporters pointed at the running app's OTLP endpoint: the JSON one, and the
// protobuf one (the default encoding of the OTLP/HTTP exporters in JS, Python and Go), plain and gzip.
const exporters: [string, (url: string, headers: Record<string, string>) => SpanExporter][] = [
  ['JSON', (url, headers) => new OtlpJsonExporter({ url, headers })],
  ['protobuf', (url, headers) => new OtlpProtoExporter({ url, headers })],
  ['protobuf + gzip', (url, headers) => new OtlpProtoExporter({ url, headers, compression: gzip })],
  ['JSON + gzip', (url, headers) => new OtlpJsonExporter({ url, headers, compression: gzip })],
]

for (const [name, makeExporter] of exporters) {
  test(`the OpenTelemetry OTLP/HTTP ${name} exporter delivers GenAI spans that are stored and priced`, async ({ baseURL }) => {
    const team = await prisma.team.create({ data: { slug: `otel-${randomBytes(4).toString('hex')}`, name: 'OTel e2e' } })
    const { key } = await createApiKey(prisma, { teamId: team.id, name: 'otel', actor: { name: 'e2e' } })

    const exporter = makeExporter(`${baseURL}/api/v1/otlp/v1/traces`, { Authorization: `Bearer ${key}` })
    const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] })
    const tracer = provider.getTracer('e2e')

    const span = tracer.startSpan('chat gpt-4o', {
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.response.model': 'gpt-4o-2024-08-06',
        'gen_ai.usage.input_tokens': 1200, // includes the 200 cache reads
        'gen_ai.usage.cache_read.input_tokens': 200,
        'gen_ai.usage.output_tokens': 300,
      },
    })
    span.end()
    // The older names (semantic conventions ≤ 1.36) land the same way.
    const older = tracer.startSpan('chat gpt-4o (older names)', {
      attributes: { 'gen_ai.system': 'openai', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.prompt_tokens': 100, 'gen_ai.usage.completion_tokens': 20 },
    })
    older.end()
    tracer.startSpan('not a genai span').end() // ignored, not an error
    await provider.forceFlush()
    await provider.shutdown()

    const ctx = span.spanContext()
    const stored = await prisma.usageEvent.findFirstOrThrow({ where: { teamId: team.id, eventId: `${ctx.traceId}${ctx.spanId}` } })
    expect(stored).toMatchObject({ inputTokens: 1000, cacheReadTokens: 200, outputTokens: 300, status: 'priced', task: 'chat', provider: 'openai' })
    // gpt-4o at the document's $5 / 1M: 1500 tokens → $0.0075
    expect(stored.cost!.toString()).toBe('0.0075')
    const o = older.spanContext()
    const storedOlder = await prisma.usageEvent.findFirstOrThrow({ where: { teamId: team.id, eventId: `${o.traceId}${o.spanId}` } })
    expect(storedOlder).toMatchObject({ inputTokens: 100, outputTokens: 20, provider: 'openai', status: 'priced' })
    expect(await prisma.usageEvent.count({ where: { teamId: team.id } })).toBe(2)
    const batches = await prisma.ingestBatch.findMany({ where: { teamId: team.id }, select: { source: true } })
    expect(new Set(batches.map((b) => b.source))).toEqual(new Set(['otlp']))
  })
}

test('a protobuf export the server refuses gets a google.rpc.Status the exporter reports', async ({ baseURL }) => {
  const exporter = new OtlpProtoExporter({ url: `${baseURL}/api/v1/otlp/v1/traces`, headers: { Authorization: `Bearer ml_zzzzzzzz_${randomBytes(32).toString('base64url')}` } })
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] })
  provider.getTracer('e2e').startSpan('chat', { attributes: { 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 1 } }).end()
  // The processor hands the export's failure to forceFlush: the exporter read the HTTP status and the body.
  const failure = await provider.forceFlush().then(() => null, (errors: unknown) => errors)
  await provider.shutdown().catch(() => undefined)
  const [error] = failure as { code: number; data: string }[]
  expect(error?.code).toBe(401)
  // google.rpc.Status { code: 16 (UNAUTHENTICATED), message } as protobuf bytes: 08 10 12 <len> "unknown API key".
  expect(Buffer.from(error?.data ?? '', 'latin1').subarray(0, 2)).toEqual(Buffer.from([0x08, 0x10]))
  expect(error?.data).toContain('unknown API key')
})
