import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildModelMatcher } from '@/lib/catalog/match-model'
import { buildPriceIndex } from '@/lib/pricing/price-version'
import { hexId, hostileJson, otlpRequestTree as requestTree, renderJson } from '@/test/hostile/arbitraries'
import { OtlpShapeError, parseOtlpTraces } from './parse-otlp-traces'
import { prepareEvents } from './prepare-events'
import { MAX_TOKENS_PER_BUCKET } from './usage-event-schema'

// Property tests of the OTLP/JSON parser (issue #8): for any JSON it either returns a result that accounts
// for every span, or throws OtlpShapeError (the route's 422) — nothing else; and every well-formed GenAI
// span becomes an event the ingest validator accepts, with its token totals kept.

function parseOrShapeError(body: unknown) {
  try {
    return parseOtlpTraces(body)
  } catch (e) {
    expect(e).toBeInstanceOf(OtlpShapeError)
    expect((e as Error).message.length).toBeGreaterThan(0)
    return null
  }
}

describe('parseOtlpTraces on hostile input', () => {
  it('arbitrary JSON: a result or an OtlpShapeError, nothing else', () => {
    fc.assert(
      fc.property(hostileJson, (body) => {
        parseOrShapeError(body)
      }),
      { numRuns: 600 },
    )
  }, 120_000)

  it('OTLP-shaped JSON with hostile values anywhere: every span is an event, a rejection or ignored', () => {
    fc.assert(
      fc.property(requestTree, (tree) => {
        const body = JSON.parse(renderJson(tree)) as { resourceSpans?: { scopeSpans?: { spans?: unknown[] }[] }[] }
        const out = parseOrShapeError(body)
        if (!out) return
        const spans = (body.resourceSpans ?? []).flatMap((rs) => (rs.scopeSpans ?? []).flatMap((ss) => ss?.spans ?? []))
        expect(out.events.length + out.rejected.length + out.ignored).toBe(spans.length)
        expect(out.eventSpans).toHaveLength(out.events.length)
        for (const r of out.rejected) expect(r.error.startsWith(`${r.span}: `)).toBe(true)
        // Whatever the parser lets through, the ingest validator answers without throwing.
        const prepared = prepareEvents(out.events, ctx)
        expect(prepared.results).toHaveLength(out.events.length)
      }),
      { numRuns: 600 },
    )
  }, 120_000)

  it('every well-formed GenAI span becomes an accepted event with its token totals kept', () => {
    const tokens = fc.nat({ max: MAX_TOKENS_PER_BUCKET })
    const genAiSpan = fc.record({
      traceId: hexId(16),
      spanId: hexId(8),
      model: fc.constantFrom('gpt-4o', 'deepseek-chat', 'claude-3-5-sonnet-20241022', 'my-local-llama'),
      endMs: fc.integer({ min: now.getTime() - 30 * 86_400_000, max: now.getTime() }),
      durationMs: fc.nat({ max: 600_000 }),
      input: tokens,
      output: tokens,
      cacheRead: fc.nat(),
      reasoning: fc.nat(),
      asString: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.uniqueArray(genAiSpan, { selector: (s) => s.traceId + s.spanId, minLength: 1, maxLength: 20 }), (spans) => {
        const int = (n: number, asString: boolean) => (asString ? { intValue: String(n) } : { intValue: n })
        const body = {
          resourceSpans: [
            {
              resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }] },
              scopeSpans: [
                {
                  spans: spans.map((s) => ({
                    traceId: s.traceId,
                    spanId: s.spanId,
                    startTimeUnixNano: String(BigInt(s.endMs - s.durationMs) * 1_000_000n),
                    endTimeUnixNano: String(BigInt(s.endMs) * 1_000_000n),
                    attributes: [
                      { key: 'gen_ai.request.model', value: { stringValue: s.model } },
                      { key: 'gen_ai.usage.input_tokens', value: int(s.input, s.asString) },
                      { key: 'gen_ai.usage.output_tokens', value: int(s.output, s.asString) },
                      { key: 'gen_ai.usage.cache_read.input_tokens', value: int(s.cacheRead % (s.input + 1), s.asString) },
                      { key: 'gen_ai.usage.reasoning.output_tokens', value: int(s.reasoning % (s.output + 1), s.asString) },
                    ],
                  })),
                },
              ],
            },
          ],
        }
        const out = parseOtlpTraces(JSON.parse(JSON.stringify(body)))
        expect(out.rejected).toEqual([])
        expect(out.events).toHaveLength(spans.length)
        const prepared = prepareEvents(out.events, ctx)
        expect(prepared.results.filter((r) => r.status !== 'accepted')).toEqual([])
        prepared.rows.forEach((row, i) => {
          const s = spans[i]!
          expect(row.eventId).toBe(s.traceId + s.spanId)
          expect(row.buckets.input + row.buckets.cacheRead + row.buckets.cacheWrite).toBe(s.input)
          expect(row.buckets.output + row.buckets.reasoning).toBe(s.output)
          expect(row.latencyMs).toBe(s.durationMs)
        })
      }),
      { numRuns: 200 },
    )
  }, 120_000)
})

const now = new Date()
const ctx = {
  teamId: 1,
  now,
  maxAgeMs: 35 * 86_400_000,
  maxFutureMs: 5 * 60_000,
  matchModel: buildModelMatcher([{ id: 1, slug: 'gpt-4o', provider: 'openai', aliases: [] }]),
  prices: buildPriceIndex([]),
}
