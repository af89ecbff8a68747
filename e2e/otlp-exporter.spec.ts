import { expect, test } from '@playwright/test'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import { randomBytes } from 'node:crypto'
import { createApiKey } from '@/lib/auth/api-keys'
import { prisma } from '@/lib/db'

// A real OpenTelemetry JS SDK exporter pointed at the running app's OTLP endpoint.
test('the OpenTelemetry OTLP/HTTP exporter delivers GenAI spans that are stored and priced', async ({ baseURL }) => {
  const team = await prisma.team.create({ data: { slug: `otel-${randomBytes(4).toString('hex')}`, name: 'OTel e2e' } })
  const { key } = await createApiKey(prisma, { teamId: team.id, name: 'otel', actor: { name: 'e2e' } })

  const exporter = new OTLPTraceExporter({ url: `${baseURL}/api/v1/otlp/v1/traces`, headers: { Authorization: `Bearer ${key}` } })
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
  tracer.startSpan('not a genai span').end() // ignored, not an error
  await provider.forceFlush()
  await provider.shutdown()

  const ctx = span.spanContext()
  const stored = await prisma.usageEvent.findFirstOrThrow({ where: { teamId: team.id, eventId: `${ctx.traceId}${ctx.spanId}` } })
  expect(stored).toMatchObject({ inputTokens: 1000, cacheReadTokens: 200, outputTokens: 300, status: 'priced', task: 'chat', provider: 'openai' })
  // gpt-4o at the document's $5 / 1M: 1500 tokens → $0.0075
  expect(stored.cost!.toString()).toBe('0.0075')
  expect(await prisma.usageEvent.count({ where: { teamId: team.id } })).toBe(1)
})
