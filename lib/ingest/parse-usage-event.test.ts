import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fastParseUsageEvent, parseUsageEvent } from './parse-usage-event'
import { dataClasses, describeZodError, taskTypes, usageEventSchema } from './usage-event-schema'

// fastParseUsageEvent stands in for usageEventSchema on the ingest hot path. These properties pin it to
// the schema: on JSON objects it accepts exactly what the schema accepts and returns what the schema
// returns; on anything else it may only give up (null), never accept what the schema refuses; and
// parseUsageEvent (fast path, else schema) answers exactly as the schema does, error message included.

/** Lengths at and around every limit of the schema. */
const sized = (limit: number) => fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constantFrom(limit - 1, limit, limit + 1))
const clean = ['a', 'Z', '-', '.', '😀', ' ']
// U+0000 and unpaired surrogates: PostgreSQL cannot store them, so the schema refuses them.
const unstorable = [...clean, '\u0000', '\ud800', '\udc00']
const str = (limit: number, chars: string[] = clean) =>
  sized(limit).chain((n) => fc.string({ unit: fc.constantFrom(...chars), minLength: n, maxLength: n }))
const padded = (s: fc.Arbitrary<string>) =>
  fc.tuple(fc.constantFrom('', ' ', '\t', '\n', '\u00a0', '\ufeff', '\u2028'), s, fc.constantFrom('', ' ', '\u3000')).map(([a, b, c]) => a + b + c)

const validTimestamp = fc
  .tuple(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }), fc.constantFrom('Z', '+00:00', '-05:30', '+14:00', '+23:59'), fc.constantFrom('', '.1', '.123', '.123456789'))
  .map(([ms, zone, frac]) => new Date(ms).toISOString().slice(0, 19) + frac + zone)
const timestamp = fc.oneof(
  { weight: 6, arbitrary: validTimestamp },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '2024-02-29T00:00:00Z', '2023-02-29T00:00:00Z', '2025-04-31T00:00:00Z', '2025-01-01T24:00:00Z', '2025-01-01T10:00Z',
      '2025-01-01 10:00:00Z', '2025-01-01T10:00:00', '2025-01-01T10:00:00+0100', '2025-01-01T10:00:00+24:00', '2025-01-01T10:00:00.Z',
      '2025-01-01T10:00:00z', '2025-01-01', '', 'yesterday', '0000-01-01T00:00:00Z', '2000-02-29T00:00:00Z', '1900-02-29T00:00:00Z',
    ),
  },
  { weight: 1, arbitrary: validTimestamp.chain((t) => fc.tuple(fc.nat({ max: t.length - 1 }), fc.constantFrom('x', ' ', '9', ':', '-')).map(([i, c]) => t.slice(0, i) + c + t.slice(i + 1))) },
)

const count = fc.oneof(
  { weight: 5, arbitrary: fc.nat({ max: 1_000_000_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, -1, 1.5, 1e9, 1e9 + 1, 2 ** 53 + 2, '10', null, true) },
)
const latency = fc.oneof({ weight: 5, arbitrary: fc.nat({ max: 86_400_000 }) }, { weight: 1, arbitrary: fc.constantFrom(-1, 86_400_001, 0.5, '5', null) })

const awkwardKeys = ['__proto__', 'constructor', 'toString', 'hasOwnProperty']
const usage = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(fc.constantFrom('prompt_tokens', 'completion_tokens', 'input_tokens', 'output_tokens', 'x'), count, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, 'lots', 5, [], [1]) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...awkwardKeys), count).map(([k, v]) => JSON.parse(`{"prompt_tokens":1,${JSON.stringify(k)}:${JSON.stringify(v)}}`) as unknown) },
)
const tags = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(str(64, unstorable), str(256, unstorable), { maxKeys: 22 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, 'x', [], { a: 1 }, { a: null }, { '': 'v' }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...awkwardKeys), fc.constantFrom('v', 1)).map(([k, v]) => JSON.parse(`{"a":"b",${JSON.stringify(k)}:${JSON.stringify(v)}}`) as unknown) },
)
const enumOrNot = (values: readonly string[]) => fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.constantFrom('', 'CHAT', 'dance', null, 3) })

/** An event the schema accepts: every field valid, lengths up to their limits. */
const validEvent = fc.record(
  {
    id: fc.oneof(str(128).filter((v) => v.length > 0 && [...v].length <= 128)),
    timestamp: validTimestamp,
    model: padded(str(200).filter((v) => v.trim().length > 0 && [...v.trim()].length <= 200)),
    provider: padded(str(64).filter((v) => v.trim().length > 0 && [...v.trim()].length <= 64)),
    usage: fc.dictionary(fc.constantFrom('prompt_tokens', 'completion_tokens', 'x'), fc.nat(), { maxKeys: 3 }),
    input_tokens: fc.nat({ max: 1_000_000_000 }),
    output_tokens: fc.nat({ max: 1_000_000_000 }),
    latency_ms: fc.nat({ max: 86_400_000 }),
    task: fc.constantFrom(...taskTypes),
    data_class: fc.constantFrom(...dataClasses),
    tags: fc.dictionary(str(64).filter((k) => k.length > 0 && [...k].length <= 64), str(256).filter((v) => [...v].length <= 256), { maxKeys: 20 }),
  },
  { requiredKeys: ['id', 'timestamp', 'model'] },
)

/** Every field mostly valid, sometimes wrong, sometimes missing; now and then a stray key. */
const mixedEvent = fc
  .record(
    {
      id: fc.oneof({ weight: 6, arbitrary: str(128, unstorable) }, { weight: 1, arbitrary: fc.constantFrom(42, null, '') }),
      timestamp: fc.oneof({ weight: 8, arbitrary: timestamp }, { weight: 1, arbitrary: fc.constantFrom(0, null) }),
      model: fc.oneof({ weight: 6, arbitrary: padded(str(200, unstorable)) }, { weight: 1, arbitrary: fc.constantFrom('   ', 7, null) }),
      provider: fc.oneof({ weight: 6, arbitrary: padded(str(64, unstorable)) }, { weight: 1, arbitrary: fc.constantFrom(' ', 7, null) }),
      usage,
      input_tokens: count,
      output_tokens: count,
      cache_read_tokens: count,
      cache_write_tokens: count,
      reasoning_tokens: count,
      latency_ms: latency,
      task: enumOrNot(taskTypes),
      data_class: enumOrNot(dataClasses),
      tags,
    },
    { requiredKeys: [] },
  )
  .chain((e) =>
    fc.oneof(
      { weight: 8, arbitrary: fc.constant(e as Record<string, unknown>) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom('colour', 'events', ...awkwardKeys), fc.constantFrom(1, 'x', null)).map(([k, v]) => JSON.parse(JSON.stringify({ ...e, [k]: v })) as Record<string, unknown>) },
    ),
  )

const manyTags = fc.integer({ min: 19, max: 22 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, k) => [`k${k}`, 'v'])))
const awkwardRecord = fc.tuple(fc.constantFrom(...awkwardKeys), fc.constantFrom('"v"', '1', '{}')).map(([k, v]) => JSON.parse(`{"a":"b",${JSON.stringify(k)}:${v}}`) as unknown)

/** A valid event with exactly one field replaced by a value at or just past a limit, or an awkward record. */
const oneFault = fc
  .tuple(validEvent, fc.constantFrom('id', 'model', 'provider', 'tags', 'usage', 'input_tokens', 'latency_ms', 'timestamp'), fc.nat())
  .chain(([e, field, seed]) => {
    const pick = <T>(xs: T[]) => xs[seed % xs.length] as T
    const value: fc.Arbitrary<unknown> = {
      id: fc.constantFrom('😀'.repeat(128), '😀'.repeat(129), 'x'.repeat(129), '', 'a\u0000b', 'a\ud800', '\udc00😀'),
      model: fc.constantFrom(` ${'😀'.repeat(200)} `, '😀'.repeat(201), 'm'.repeat(201), '\u2028', ' gpt\u00004o ', 'gpt-\udbff'),
      provider: fc.constantFrom('p'.repeat(64), '😀'.repeat(65), ' \t', 'OpenAI', 'open\u0000ai', '\ud83d'),
      tags: fc.oneof(manyTags, awkwardRecord, fc.constantFrom({ ['k'.repeat(65)]: 'v' }, { k: '😀'.repeat(256) }, { 'k\u0000': 'v' }, { k: 'v\ud800' }, { '\udfff': 'v' })),
      usage: fc.oneof(awkwardRecord, fc.constant([]), fc.constant(null)),
      input_tokens: fc.constantFrom(1e9, 1e9 + 1, -0, -1, 0.5),
      latency_ms: fc.constantFrom(86_400_000, 86_400_001),
      timestamp: fc.constantFrom('2024-02-29T23:59:59.999+23:59', '2023-02-29T00:00:00Z', pick(['2025-01-01T00:00:00', '2025-01-01T00:00Z'])),
    }[field]!
    return value.map((v) => ({ ...e, [field]: v }))
  })

const eventLike: fc.Arbitrary<Record<string, unknown>> = fc.oneof(validEvent, oneFault, mixedEvent)

/** What a server holds after JSON.parse of the wire text (undefined fields vanish, "__proto__" stays a key). */
const asJson = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown
const hasAwkwardRecord = (v: unknown) =>
  ['usage', 'tags'].some((f) => {
    const r = (v as Record<string, unknown> | null)?.[f]
    return typeof r === 'object' && r !== null && (Object.hasOwn(r, '__proto__') || Object.hasOwn(r, 'constructor'))
  })

describe('fastParseUsageEvent agrees with usageEventSchema', () => {
  it('refuses what PostgreSQL cannot store, and a tag named "__proto__", as a rejection of that event', () => {
    const e = { id: 'a', timestamp: '2025-01-01T00:00:00Z', model: 'm', input_tokens: 1 }
    expect(parseUsageEvent({ ...e, model: 'gpt\u00004o' }, 3)).toEqual({ ok: false, error: 'events[3].model: must not contain U+0000 or unpaired UTF-16 surrogates' })
    expect(parseUsageEvent({ ...e, id: 'x\ud800' }, 0)).toEqual({ ok: false, error: 'events[0].id: must not contain U+0000 or unpaired UTF-16 surrogates' })
    expect(parseUsageEvent(JSON.parse('{"id":"a","timestamp":"2025-01-01T00:00:00Z","model":"m","input_tokens":1,"tags":{"__proto__":"x","a":"b"}}'), 1)).toEqual({
      ok: false,
      error: "events[1].tags: '__proto__' is not allowed as a tag name",
    })
  })

  it('on JSON events: the fast path accepts ⇔ the schema accepts, with the same data', () => {
    let accepted = 0
    fc.assert(
      fc.property(eventLike.map(asJson), (e) => {
        const zod = usageEventSchema.safeParse(e)
        const fast = fastParseUsageEvent(e)
        if (hasAwkwardRecord(e)) expect(fast).toBeNull() // left to the schema on purpose (see the source)
        else expect(fast !== null).toBe(zod.success)
        if (fast !== null) {
          accepted++
          expect(fast).toEqual(zod.data)
        }
      }),
      { numRuns: 3000 },
    )
    // Both sides of the equivalence were exercised, not just rejections.
    expect(accepted).toBeGreaterThan(500)
  }, 120_000)

  it('on anything else it never accepts what the schema refuses', () => {
    const odd = fc.oneof(
      eventLike,
      eventLike.map((e) => Object.assign(Object.create(null) as object, e)),
      eventLike.map((e) => [e]),
      fc.constantFrom(null, undefined, 0, 'event', true),
      eventLike.map((e) => ({ ...e, input_tokens: Infinity })),
      eventLike.map((e) => ({ ...e, latency_ms: NaN })),
    )
    fc.assert(
      fc.property(odd, (e) => {
        const fast = fastParseUsageEvent(e)
        if (fast === null) return
        const zod = usageEventSchema.safeParse(e)
        expect(zod.success).toBe(true)
        expect(fast).toEqual(zod.data)
      }),
      { numRuns: 2000 },
    )
  }, 120_000)

  it('parseUsageEvent answers as the schema does, message included', () => {
    fc.assert(
      fc.property(fc.oneof(eventLike, eventLike.map(asJson)), fc.nat({ max: 999 }), (e, i) => {
        const zod = usageEventSchema.safeParse(e)
        const ours = parseUsageEvent(e, i)
        const tags = (e as { tags?: unknown }).tags
        const protoTag = typeof tags === 'object' && tags !== null && Object.hasOwn(tags, '__proto__')
        if (zod.success && protoTag) expect(ours).toEqual({ ok: false, error: `events[${i}].tags: '__proto__' is not allowed as a tag name` })
        else if (zod.success) expect(ours).toEqual({ ok: true, event: zod.data })
        else expect(ours).toEqual({ ok: false, error: describeZodError(zod.error, `events[${i}]`) })
      }),
      { numRuns: 2000 },
    )
  }, 120_000)

  it.each([
    ['trimmed model and provider', { id: 'a', timestamp: '2025-01-01T00:00:00Z', model: ' gpt-4o\n', provider: '\u00a0OpenAI ', input_tokens: 1 }],
    ['a "__proto__" key in usage', JSON.parse('{"id":"a","timestamp":"2025-01-01T00:00:00Z","model":"m","usage":{"__proto__":{"x":1},"prompt_tokens":1}}')],
    ['21 tags', { id: 'a', timestamp: '2025-01-01T00:00:00Z', model: 'm', input_tokens: 1, tags: Object.fromEntries(Array.from({ length: 21 }, (_, k) => [`k${k}`, 'v'])) }],
    ['20 tags', { id: 'a', timestamp: '2025-01-01T00:00:00Z', model: 'm', input_tokens: 1, tags: Object.fromEntries(Array.from({ length: 20 }, (_, k) => [`k${k}`, 'v'])) }],
    ['a leap day that does not exist', { id: 'a', timestamp: '2023-02-29T00:00:00Z', model: 'm', input_tokens: 1 }],
    ['U+0000 in the id', { id: 'a\u0000', timestamp: '2025-01-01T00:00:00Z', model: 'm', input_tokens: 1 }],
    ['an unpaired surrogate in a tag value', { id: 'a', timestamp: '2025-01-01T00:00:00Z', model: 'm', input_tokens: 1, tags: { k: '\ud800' } }],
  ])('%s', (_name, e) => {
    const zod = usageEventSchema.safeParse(e)
    expect(parseUsageEvent(e, 0).ok).toBe(zod.success)
    const fast = fastParseUsageEvent(e)
    if (fast !== null) expect(fast).toEqual(zod.data)
  })
})
