import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildModelMatcher } from '@/lib/catalog/match-model'
import { buildPriceIndex } from '@/lib/pricing/price-version'
import { rates } from '@/lib/pricing/test-fixtures'
import { hostileJson, jsonTree, mixedObject, renderJson, type JsonTree } from '@/test/hostile/arbitraries'
import { prepareEvents, type IngestContext } from './prepare-events'
import { dataClasses, describeZodError, MAX_TOKENS_PER_BUCKET, taskTypes, usageEnvelopeSchema } from './usage-event-schema'

// Property tests of the ingest validator (issue #8): whatever JSON arrives, prepareEvents answers every
// event — accepted, duplicate or rejected with where and what — and never throws; and every event the
// contract calls valid is accepted, with its tokens unchanged.

const now = new Date('2025-06-15T12:00:00Z')
const DAY = 86_400_000
const ctx: IngestContext = {
  teamId: 1,
  now,
  maxAgeMs: 35 * DAY,
  maxFutureMs: 5 * 60_000,
  matchModel: buildModelMatcher([
    { id: 1, slug: 'gpt-4o', provider: 'openai', aliases: ['gpt-4o-2024-08-06'] },
    { id: 2, slug: 'claude-3-5-sonnet', provider: 'anthropic', aliases: [] },
    { id: 3, slug: 'deepseek-v3', provider: 'deepseek', aliases: ['deepseek-chat'] },
  ]),
  prices: buildPriceIndex([rates({ id: 1, modelId: 1 }), rates({ id: 2, modelId: 3, input: '0.27', output: '1.1' })]),
  advise: () => null,
}

const recent = fc.integer({ min: now.getTime() - 34 * DAY, max: now.getTime() + 4 * 60_000 })

/** An RFC 3339 time within the window, in UTC or with an offset (which zod accepts). */
const timestamp = fc.tuple(recent, fc.integer({ min: -48, max: 56 }).map((q) => q * 15)).map(([ms, offsetMin]) => {
  if (offsetMin === 0) return new Date(ms).toISOString()
  const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 23)
  const abs = Math.abs(offsetMin)
  return `${local}${offsetMin < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
})

/** Well-formed text without NUL (what PostgreSQL text can hold), not blank, within maxLength UTF-16 units. */
const text = (maxLength: number) =>
  fc
    .string({ unit: 'binary', minLength: 1, maxLength })
    .filter((s) => s.length <= maxLength && s.trim().length > 0 && s.isWellFormed() && !s.includes('\u0000'))

const count = fc.nat({ max: MAX_TOKENS_PER_BUCKET })
const flatTokens = fc
  .record(
    { input_tokens: count, output_tokens: count, cache_read_tokens: count, cache_write_tokens: count, reasoning_tokens: count },
    { requiredKeys: [] },
  )
  .filter((t) => Object.keys(t).length > 0)

/** Provider-native usage objects whose parts never exceed their totals. */
const nativeUsage = fc.oneof(
  fc.tuple(count, count, fc.nat(), fc.nat()).map(([prompt, completion, c, r]) => ({
    provider: 'openai',
    usage: { prompt_tokens: prompt, completion_tokens: completion, prompt_tokens_details: { cached_tokens: c % (prompt + 1) }, completion_tokens_details: { reasoning_tokens: r % (completion + 1) } },
  })),
  fc.tuple(count, count, count, count).map(([input, output, read, write]) => ({
    provider: 'anthropic',
    usage: { input_tokens: input, output_tokens: output, cache_read_input_tokens: read, cache_creation_input_tokens: write },
  })),
  fc.tuple(count, count, fc.nat()).map(([input, output, r]) => ({
    provider: 'openai',
    usage: { input_tokens: input, output_tokens: output, output_tokens_details: { reasoning_tokens: r % (output + 1) } },
  })),
)

const validEvent = fc
  .record(
    {
      id: text(128),
      timestamp,
      model: text(200).filter((m) => m.trim().length <= 200),
      provider: text(64).filter((p) => p.trim().length <= 64),
      latency_ms: fc.nat({ max: 86_400_000 }),
      task: fc.constantFrom(...taskTypes),
      data_class: fc.constantFrom(...dataClasses),
      tags: fc.dictionary(text(64).filter((k) => k !== '__proto__'), fc.string({ maxLength: 256 }).filter((v) => v.isWellFormed()), { maxKeys: 20 }),
    },
    { requiredKeys: ['id', 'timestamp', 'model'] },
  )
  .chain((base) =>
    fc.oneof(
      flatTokens.map((t) => ({ ...base, ...t })),
      nativeUsage.map((u) => ({ ...base, ...u })),
    ),
  )

/** Every rejection names its own event; results and rows agree. */
function checkOutcome(events: readonly unknown[]) {
  const out = prepareEvents(events, ctx)
  expect(out.results).toHaveLength(events.length)
  out.results.forEach((r, i) => {
    expect(typeof r.id).toBe('string')
    if (r.status === 'rejected') expect(r.error).toMatch(new RegExp(`^events\\[${i}\\]`))
  })
  expect(out.rows).toHaveLength(out.results.filter((r) => r.status === 'accepted').length)
  return out
}

describe('prepareEvents on hostile input', () => {
  it('answers every event of arbitrary JSON, never throws', () => {
    fc.assert(
      fc.property(fc.array(hostileJson, { maxLength: 8 }), (events) => {
        checkOutcome(events)
      }),
      { numRuns: 600 },
    )
  }, 120_000)

  it('answers every event-shaped object with hostile values in any field, never throws', () => {
    const base = mixedObject({
      id: fc.string({ minLength: 1, maxLength: 10 }),
      timestamp: timestamp as fc.Arbitrary<JsonTree>,
      model: fc.constantFrom('gpt-4o', 'deepseek-chat', 'claude-3-5-sonnet', 'llama'),
      provider: fc.constantFrom('openai', 'anthropic', 'deepseek', 'azure'),
      tags: mixedObject({ team: fc.string({ maxLength: 5 }) }),
      task: fc.constantFrom(...taskTypes),
      latency_ms: fc.nat({ max: 86_400_000 }),
    })
    const tokens = fc.oneof(
      mixedObject({ input_tokens: count, output_tokens: count, reasoning_tokens: count }),
      mixedObject({
        usage: mixedObject({
          prompt_tokens: count,
          completion_tokens: count,
          input_tokens: count,
          cache_read_input_tokens: count,
          prompt_tokens_details: mixedObject({ cached_tokens: fc.nat({ max: 100 }) }),
          completion_tokens_details: mixedObject({ reasoning_tokens: fc.nat({ max: 100 }) }),
        }),
      }),
    )
    const eventLike = fc.tuple(base, tokens).map(([a, b]): JsonTree => ({ obj: [...(a as { obj: [string, JsonTree][] }).obj, ...(b as { obj: [string, JsonTree][] }).obj] }))
    fc.assert(
      fc.property(fc.array(eventLike, { maxLength: 6 }), (trees) => {
        checkOutcome(trees.map((t) => JSON.parse(renderJson(t))))
      }),
      { numRuns: 600 },
    )
  }, 120_000)

  it('the envelope schema and its error messages never throw', () => {
    fc.assert(
      fc.property(hostileJson, (body) => {
        const parsed = usageEnvelopeSchema.safeParse(body)
        if (!parsed.success) expect(describeZodError(parsed.error).length).toBeGreaterThan(0)
      }),
      { numRuns: 600 },
    )
  }, 120_000)

  it('accepts every valid event, keeps its id and model, and its flat tokens unchanged', () => {
    fc.assert(
      fc.property(fc.uniqueArray(validEvent, { selector: (e) => e.id, minLength: 1, maxLength: 10 }), (events) => {
        const wire = JSON.parse(JSON.stringify(events)) as typeof events
        const out = prepareEvents(wire, ctx)
        expect(out.results.filter((r) => r.status !== 'accepted')).toEqual([])
        out.rows.forEach((row, i) => {
          const e = events[i]!
          expect(row.eventId).toBe(e.id)
          expect(row.modelRaw).toBe(e.model.trim())
          expect(row.ts.getTime()).toBe(Date.parse(e.timestamp))
          if ('input_tokens' in e || 'output_tokens' in e || 'cache_read_tokens' in e || 'cache_write_tokens' in e || 'reasoning_tokens' in e) {
            const f = e as unknown as Record<string, number | undefined>
            expect(row.buckets).toEqual({ input: f.input_tokens ?? 0, cacheRead: f.cache_read_tokens ?? 0, cacheWrite: f.cache_write_tokens ?? 0, output: f.output_tokens ?? 0, reasoning: f.reasoning_tokens ?? 0 })
          }
        })
      }),
      { numRuns: 300 },
    )
  }, 120_000)

  it('a repeated id is accepted once and reported as a duplicate after', () => {
    fc.assert(
      fc.property(validEvent, fc.integer({ min: 2, max: 5 }), (e, n) => {
        const out = prepareEvents(Array.from({ length: n }, () => e), ctx)
        expect(out.results.map((r) => r.status)).toEqual(['accepted', ...Array.from({ length: n - 1 }, () => 'duplicate')])
        expect(out.rows).toHaveLength(1)
      }),
      { numRuns: 100 },
    )
  }, 120_000)

  // A 200 kB body is enough to nest usage past what JSON.stringify can walk (it once threw RangeError → 500).
  it('rejects a usage object nested 100k deep as one bad event instead of throwing', () => {
    const deep = JSON.parse(`{"prompt_tokens":1,"completion_tokens":1,"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)
    const events = [{ id: 'deep', timestamp: now.toISOString(), model: 'gpt-4o', usage: deep }, { id: 'ok', timestamp: now.toISOString(), model: 'gpt-4o', input_tokens: 1 }]
    const out = checkOutcome(events)
    expect(out.results.map((r) => r.status)).toEqual(['rejected', 'accepted'])
  })

  it('a generated tree is the JSON a server parses (the generators are what they claim)', () => {
    fc.assert(
      fc.property(jsonTree, (t) => {
        expect(() => JSON.parse(renderJson(t))).not.toThrow()
      }),
      { numRuns: 300 },
    )
  }, 120_000)
})
