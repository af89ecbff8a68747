import { beforeAll, describe, expect, it } from 'vitest'
import { POST as postUsage } from '@/app/api/v1/usage/route'
import { POST as postOtlp } from '@/app/api/v1/otlp/v1/traces/route'
import { prisma } from '@/lib/db'
import { createApiKey, revokeApiKey } from '@/lib/auth/api-keys'
import { clearApiKeyCache } from '@/lib/auth/verify-api-key'
import { createTestTeam, minutesAgo, usageRequest } from './fixtures'

// Each case: the documented status, a message that says what and where, and afterwards the database
// holds exactly what was acknowledged.

const good = (id: string, extra: Record<string, unknown> = {}) => ({ id, timestamp: minutesAgo(1), model: 'gpt-4o', input_tokens: 10, output_tokens: 5, ...extra })

type Case = { name: string; status: number; message: RegExp; body?: unknown; raw?: string | Uint8Array; contentType?: string; key?: 'none' | 'garbage' | 'unknown' | 'revoked' | 'noscope'; otlp?: boolean }

const eventCases: [string, Record<string, unknown>, RegExp][] = [
  ['negative tokens', { input_tokens: -1 }, /events\[0\]\.input_tokens/],
  ['fractional tokens', { output_tokens: 1.5 }, /events\[0\]\.output_tokens/],
  ['huge tokens', { input_tokens: 1e12 }, /events\[0\]\.input_tokens/],
  ['tokens as string', { input_tokens: '10' }, /events\[0\]\.input_tokens/],
  ['NaN-like token', { input_tokens: null }, /events\[0\]\.input_tokens/],
  ['missing id', { id: undefined }, /events\[0\]\.id/],
  ['empty id', { id: '' }, /events\[0\]\.id/],
  ['id too long', { id: 'x'.repeat(129) }, /events\[0\]\.id/],
  ['id not a string', { id: 42 }, /events\[0\]\.id/],
  ['missing timestamp', { timestamp: undefined }, /events\[0\]\.timestamp/],
  ['bad timestamp', { timestamp: 'yesterday' }, /events\[0\]\.timestamp/],
  ['timestamp without zone', { timestamp: '2025-01-01 10:00:00' }, /events\[0\]\.timestamp/],
  ['timestamp too old', { timestamp: new Date(Date.now() - 40 * 86_400_000).toISOString() }, /older than/],
  ['timestamp in the future', { timestamp: new Date(Date.now() + 3600_000).toISOString() }, /in the future/],
  ['missing model', { model: undefined }, /events\[0\]\.model/],
  ['empty model', { model: '   ' }, /events\[0\]\.model/],
  ['model too long', { model: 'm'.repeat(300) }, /events\[0\]\.model/],
  ['unknown field', { colour: 'blue' }, /unknown field.*'colour'/],
  ['proto key', JSON.parse('{"__proto__": {"x": 1}}'), /unknown field|__proto__/],
  ['constructor key', { constructor: 'x' }, /unknown field.*constructor/],
  ['bad task', { task: 'dance' }, /events\[0\]\.task/],
  ['bad data_class', { data_class: 'secret' }, /events\[0\]\.data_class/],
  ['negative latency', { latency_ms: -5 }, /events\[0\]\.latency_ms/],
  ['too many tags', { tags: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])) }, /20 tags/],
  ['tag value not string', { tags: { a: 1 } }, /events\[0\]\.tags\.a/],
  ['tags not object', { tags: 'x' }, /events\[0\]\.tags/],
  ['usage and flat together', { usage: { prompt_tokens: 1, completion_tokens: 1 } }, /either 'usage' or the flat/],
  ['no tokens at all', { input_tokens: undefined, output_tokens: undefined }, /token counts missing/],
  ['usage not an object', { input_tokens: undefined, output_tokens: undefined, usage: 'lots' }, /events\[0\]\.usage/],
  ['usage negative', { input_tokens: undefined, output_tokens: undefined, usage: { prompt_tokens: -1, completion_tokens: 1 } }, /prompt_tokens/],
  ['cached exceeds prompt', { input_tokens: undefined, output_tokens: undefined, provider: 'openai', usage: { prompt_tokens: 10, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 20 } } }, /cached_tokens/],
  ['reasoning exceeds completion', { input_tokens: undefined, output_tokens: undefined, provider: 'openai', usage: { prompt_tokens: 10, completion_tokens: 1, completion_tokens_details: { reasoning_tokens: 5 } } }, /reasoning_tokens/],
  ['anthropic string tokens', { input_tokens: undefined, output_tokens: undefined, provider: 'anthropic', usage: { input_tokens: '5', output_tokens: 1 } }, /input_tokens/],
  ['usage too large', { input_tokens: undefined, output_tokens: undefined, usage: { prompt_tokens: 1, completion_tokens: 1, junk: 'x'.repeat(5000) } }, /usage/],
  ['provider too long', { provider: 'p'.repeat(100) }, /events\[0\]\.provider/],
  ['SQL-looking id is stored as data, not rejected', {}, /^$/],
]

const cases: Case[] = [
  { name: 'malformed JSON', raw: '{"events": [', status: 400, message: /malformed JSON/ },
  { name: 'empty body', raw: '', status: 400, message: /empty/ },
  { name: 'not JSON at all', raw: 'hello', status: 400, message: /malformed JSON/ },
  { name: 'invalid UTF-8', raw: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), status: 400, message: /not valid UTF-8/ },
  { name: 'wrong content type', body: { events: [good('x')] }, contentType: 'text/plain', status: 415, message: /application\/json/ },
  { name: 'form content type', body: { events: [good('x')] }, contentType: 'application/x-www-form-urlencoded', status: 415, message: /application\/json/ },
  { name: 'no key', body: { events: [good('x')] }, key: 'none', status: 401, message: /missing API key/ },
  { name: 'garbage key', body: { events: [good('x')] }, key: 'garbage', status: 401, message: /malformed API key|unknown API key/ },
  { name: 'unknown key', body: { events: [good('x')] }, key: 'unknown', status: 401, message: /unknown API key/ },
  { name: 'revoked key', body: { events: [good('x')] }, key: 'revoked', status: 401, message: /revoked/ },
  { name: 'key without usage:write', body: { events: [good('x')] }, key: 'noscope', status: 403, message: /usage:write/ },
  { name: 'body is an array', body: [good('x')], status: 422, message: /envelope/ },
  { name: 'body is a number', body: 42, status: 422, message: /envelope/ },
  { name: 'events missing', body: {}, status: 422, message: /events/ },
  { name: 'events empty', body: { events: [] }, status: 422, message: /events/ },
  { name: 'events not array', body: { events: 'x' }, status: 422, message: /events/ },
  { name: 'too many events', body: { events: Array.from({ length: 1001 }, (_, i) => good(`e${i}`)) }, status: 422, message: /events/ },
  { name: 'unknown envelope field', body: { events: [good('x')], extra: 1 }, status: 422, message: /'extra'/ },
  { name: 'body over 4 MB', raw: JSON.stringify({ events: [good('x', { tags: { a: 'x'.repeat(200) } })], pad: 'x'.repeat(4 * 1024 * 1024) }), status: 413, message: /exceeds/ },
  { name: 'deeply nested JSON', raw: '['.repeat(5000) + ']'.repeat(5000), status: 422, message: /envelope/ },
  { name: 'OTLP: not an object', otlp: true, body: [1, 2], status: 422, message: /ExportTraceServiceRequest/ },
  { name: 'OTLP: resourceSpans not array', otlp: true, body: { resourceSpans: 'x' }, status: 422, message: /resourceSpans must be an array/ },
  { name: 'OTLP: text/plain', otlp: true, body: {}, contentType: 'text/plain', status: 415, message: /application\/x-protobuf or application\/json/ },
  { name: 'OTLP: no key', otlp: true, body: { resourceSpans: [] }, key: 'none', status: 401, message: /missing API key/ },
  { name: 'OTLP: malformed JSON', otlp: true, raw: '{', status: 400, message: /malformed JSON/ },
]

let team: { id: number }
let key: string
const keys: Record<string, string | null> = {}

beforeAll(async () => {
  const t = await createTestTeam()
  team = t.team
  key = t.key
  keys.none = null
  keys.garbage = 'not-a-key'
  keys.unknown = 'ml_abcdefgh_' + 'x'.repeat(40)
  const revoked = await createApiKey(prisma, { teamId: team.id, name: 'revoked', actor: { name: 'test' } })
  await revokeApiKey(prisma, { teamId: team.id, name: 'revoked', actor: { name: 'test' } })
  keys.revoked = revoked.key
  keys.noscope = (await createApiKey(prisma, { teamId: team.id, name: 'read-only', scopes: ['spend:read'], actor: { name: 'test' } })).key
  clearApiKeyCache()
})

describe('ingest rejects bad envelopes with the documented status and message', () => {
  it.each(cases)('$name → $status', async (c) => {
    const k = c.key ? keys[c.key]! : key
    const req = usageRequest(c.key === 'none' ? null : k, c.body, { raw: c.raw, contentType: c.contentType, path: c.otlp ? '/api/v1/otlp/v1/traces' : undefined })
    const res = await (c.otlp ? postOtlp : postUsage)(req)
    expect(res.status).toBe(c.status)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error.message).toMatch(c.message)
    expect(typeof body.error.code).toBe('string')
  })
})

describe('ingest rejects bad events one by one (207) and keeps the good ones', () => {
  it.each(eventCases)('%s', async (name, patch, message) => {
    const badId = `bad-${name.replace(/\W+/g, '-')}`
    const bad = { ...good(badId), ...patch }
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete (bad as Record<string, unknown>)[k]
    if (name.startsWith('SQL-looking')) bad.id = "x'); DROP TABLE usage_events; --"
    const goodId = `ok-${name.replace(/\W+/g, '-')}`
    const res = await postUsage(usageRequest(key, { events: [bad, good(goodId)] }))
    const body = (await res.json()) as { accepted: number; rejected: number; results: { status: string; error?: string }[] }
    if (name.startsWith('SQL-looking')) {
      expect(res.status).toBe(200)
      expect(body.accepted).toBe(2)
      return
    }
    expect(res.status).toBe(207)
    expect(body).toMatchObject({ accepted: 1, rejected: 1 })
    expect(body.results[0]!.status).toBe('rejected')
    expect(body.results[0]!.error).toMatch(message)
    expect(body.results[1]!.status).toBe('accepted')
  })

  it('the database holds exactly what was acknowledged', async () => {
    const stored = await prisma.usageEvent.findMany({ where: { teamId: team.id }, select: { eventId: true } })
    const ids = stored.map((s) => s.eventId).sort()
    const expected = eventCases.map(([name]) => `ok-${name.replace(/\W+/g, '-')}`)
    expected.push("x'); DROP TABLE usage_events; --")
    expect(ids).toEqual(expected.sort())
  })
})
