// The hostile-input corpus (issue #8): bad requests to every public endpoint, each with the answer it must
// get. Data only — run in-process by test/integration/hostile-corpus.test.ts and over real HTTP against the
// built server by e2e/hostile-api.spec.ts. Both runners also check, for every case, that the database
// holds exactly what the answer acknowledged (no partial write, nothing in another team) and that a good
// request right after still succeeds. Byte-level transport cases (invalid UTF-8 on the wire, lying
// Content-Length, slow bodies) live in the e2e spec; the existing ingest-bad-input test is not repeated.

import { checkProtobufAnswer, otlpProtobufCases } from './otlp-protobuf-cases'

export type CorpusContext = {
  /** A minute ago: inside the accepted ingest window. */
  ts: string
  /** Unique per case run: event ids start with it, so cases never collide. */
  p: string
  teamSlug: string
  otherTeamSlug: string
  /** An event id the other team has stored. */
  otherEventId: string
}

/**
 * Who calls. Keys: team = usage:write + spend:read; writeOnly = usage:write; readOnly = spend:read;
 * org = the org-wide spend:read:all key; none = no credentials at all. Sessions: engineer (of a team that
 * is not the other team), finance, admin.
 */
export type Caller = 'team' | 'writeOnly' | 'readOnly' | 'org' | 'none' | 'engineer' | 'finance' | 'admin'

/** A per-event result of POST /api/v1/usage: accepted, duplicate, or rejected with an error matching. */
export type EventExpect = 'accepted' | 'duplicate' | RegExp

export type Expect =
  | { status: number; error: RegExp }
  | { status: 200 | 207; events: EventExpect[] }
  | { status: 200 | 207; summary: { accepted: number; duplicates: number; rejected: number } }
  /** OTLP answers 200 with partialSuccess for rejected spans; `stored` new rows. */
  | { status: 200; otlp: { stored: number; rejected?: RegExp } }
  | { status: 200; ok: 'json' | 'csv' }
  /** OTLP protobuf: the ExportTraceServiceResponse (partial_success naming the rejected), `stored` new rows. */
  | { status: 200; otlpProtobuf: { stored: number; rejected?: RegExp } }
  /** An error to an OTLP protobuf client: a protobuf google.rpc.Status whose message matches. */
  | { status: number; rpcStatus: RegExp }

export type Endpoint = 'usage' | 'otlp' | 'route' | 'advice' | 'spend' | 'focus' | 'reprice-run'

type Valued<T> = T | ((ctx: CorpusContext) => T)

export type HostileCase = {
  name: string
  endpoint: Endpoint
  /** Query string (with '?') for GET endpoints; the id segment for reprice-run. */
  query?: Valued<string>
  as?: Caller
  /** Replaces the Authorization header the caller would send. */
  authorization?: string
  /** null: no Content-Type header at all. Default application/json for bodies. */
  contentType?: string | null
  /** A Content-Encoding header (the body is sent as given: compress it yourself, or lie). */
  contentEncoding?: string
  /** A JSON value, or a function of the context that makes one. */
  body?: ((ctx: CorpusContext) => unknown) | Record<string, unknown> | unknown[] | string | number | boolean | null
  raw?: Valued<string | Uint8Array>
  expect: Expect
  /** A different answer over real HTTP, where the framework has had its say first (see the case). */
  overHttp?: Expect
}

export const endpointPaths: Record<Endpoint, { method: 'GET' | 'POST'; path: string }> = {
  usage: { method: 'POST', path: '/api/v1/usage' },
  otlp: { method: 'POST', path: '/api/v1/otlp/v1/traces' },
  route: { method: 'POST', path: '/api/v1/route' },
  advice: { method: 'GET', path: '/api/v1/advice' },
  spend: { method: 'GET', path: '/api/v1/spend' },
  focus: { method: 'GET', path: '/api/v1/exports/focus' },
  'reprice-run': { method: 'GET', path: '/api/v1/reprice-runs/' },
}

export function resolve<T>(v: Valued<T>, ctx: CorpusContext): T {
  return typeof v === 'function' ? (v as (ctx: CorpusContext) => T)(ctx) : v
}

// --- builders ------------------------------------------------------------------------------------------

const MB = 1024 * 1024
const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth)

/** A valid event; `undefined` in the patch deletes the field. */
export function goodEvent(ctx: CorpusContext, id: string, patch: Record<string, unknown> = {}): Record<string, unknown> {
  const e: Record<string, unknown> = { id, timestamp: ctx.ts, model: 'gpt-4o', input_tokens: 10, output_tokens: 5, ...patch }
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete e[k]
  return e
}

/** A usage body as raw JSON text: keys such as __proto__ stay own keys, exactly as a client sends them. */
const rawUsage = (events: (ctx: CorpusContext) => string, extra = '') => (ctx: CorpusContext) => `{${extra}"events":[${events(ctx)}]}`
const goodJson = (ctx: CorpusContext, id: string) => JSON.stringify(goodEvent(ctx, id))

/** One bad event then one good one: the bad one is rejected with `error`, the good one is stored. */
function badEvent(name: string, patch: Record<string, unknown>, error: RegExp): HostileCase {
  return {
    name: `event: ${name}`,
    endpoint: 'usage',
    body: (ctx) => ({ events: [goodEvent(ctx, `${ctx.p}-bad`, patch), goodEvent(ctx, `${ctx.p}-ok`)] }),
    expect: { status: 207, events: [error, 'accepted'] },
  }
}

/** An event that is odd but valid: stored as sent, next to a plain good one. */
function oddButValid(name: string, patch: Record<string, unknown>): HostileCase {
  return {
    name: `event: ${name} (valid, stored as data)`,
    endpoint: 'usage',
    body: (ctx) => ({ events: [goodEvent(ctx, `${ctx.p}-odd`, patch), goodEvent(ctx, `${ctx.p}-ok`)] }),
    expect: { status: 200, events: ['accepted', 'accepted'] },
  }
}

const span = (ctx: CorpusContext, n: number, attrs: { key: string; value: Record<string, unknown> }[], over: Record<string, unknown> = {}) => ({
  traceId: Buffer.from(`${ctx.p}-trace`.padEnd(16, '.').slice(0, 16)).toString('hex'),
  spanId: n.toString(16).padStart(16, '0'),
  startTimeUnixNano: String(BigInt(Date.parse(ctx.ts) - 1500) * 1_000_000n),
  endTimeUnixNano: String(BigInt(Date.parse(ctx.ts)) * 1_000_000n),
  attributes: attrs,
  ...over,
})
const genAi = (model: unknown = { stringValue: 'gpt-4o' }, input: unknown = { intValue: '100' }) => [
  { key: 'gen_ai.request.model', value: model as Record<string, unknown> },
  { key: 'gen_ai.usage.input_tokens', value: input as Record<string, unknown> },
  { key: 'gen_ai.usage.output_tokens', value: { intValue: 20 } },
]
const traces = (spans: unknown[]) => ({ resourceSpans: [{ scopeSpans: [{ spans }] }] })

/** One bad span then one good one: the answer names the bad span, the good one is stored. */
function badSpan(name: string, bad: (ctx: CorpusContext) => unknown, rejected: RegExp): HostileCase {
  return {
    name: `otlp span: ${name}`,
    endpoint: 'otlp',
    body: (ctx) => traces([bad(ctx), span(ctx, 2, genAi())]),
    expect: { status: 200, otlp: { stored: 1, rejected } },
  }
}

const route = (body: Record<string, unknown>) => ({ task: 'chat', data_class: 'internal', ...body })

// --- the corpus ------------------------------------------------------------------------------------------

const corpusOfJson: HostileCase[] = [
  // POST /api/v1/usage — the envelope
  { name: 'usage: events is null', endpoint: 'usage', body: { events: null }, expect: { status: 422, error: /invalid envelope: events/ } },
  { name: 'usage: events is an object', endpoint: 'usage', body: { events: {} }, expect: { status: 422, error: /invalid envelope: events/ } },
  { name: 'usage: events is an index-keyed object', endpoint: 'usage', body: (ctx) => ({ events: { 0: goodEvent(ctx, `${ctx.p}-x`) } }), expect: { status: 422, error: /invalid envelope: events/ } },
  { name: 'usage: body is JSON null', endpoint: 'usage', raw: 'null', expect: { status: 422, error: /invalid envelope.*expected \{"events"/ } },
  { name: 'usage: body is a JSON string', endpoint: 'usage', raw: '"events"', expect: { status: 422, error: /invalid envelope/ } },
  { name: 'usage: body is JSON true', endpoint: 'usage', raw: 'true', expect: { status: 422, error: /invalid envelope/ } },
  { name: 'usage: envelope __proto__ key', endpoint: 'usage', raw: rawUsage((ctx) => goodJson(ctx, `${ctx.p}-x`), '"__proto__":{"events":[]},'), expect: { status: 422, error: /unknown field\(s\) '__proto__'/ } },
  { name: 'usage: envelope constructor key', endpoint: 'usage', raw: rawUsage((ctx) => goodJson(ctx, `${ctx.p}-x`), '"constructor":{"prototype":{"polluted":true}},'), expect: { status: 422, error: /unknown field\(s\) 'constructor'/ } },
  { name: 'usage: envelope prototype key', endpoint: 'usage', raw: rawUsage((ctx) => goodJson(ctx, `${ctx.p}-x`), '"prototype":1,'), expect: { status: 422, error: /unknown field\(s\) 'prototype'/ } },
  // RFC 8259 lets a parser ignore a leading byte-order mark; the UTF-8 decoder does.
  { name: 'usage: byte-order mark before the JSON (ignored)', endpoint: 'usage', raw: (ctx) => `\uFEFF${JSON.stringify({ events: [goodEvent(ctx, `${ctx.p}-x`)] })}`, expect: { status: 200, events: ['accepted'] } },
  { name: 'usage: two byte-order marks', endpoint: 'usage', raw: (ctx) => `\uFEFF\uFEFF${JSON.stringify({ events: [goodEvent(ctx, `${ctx.p}-x`)] })}`, expect: { status: 400, error: /malformed JSON/ } },
  { name: 'usage: trailing garbage after the JSON', endpoint: 'usage', raw: (ctx) => `${JSON.stringify({ events: [goodEvent(ctx, `${ctx.p}-x`)] })}xyz`, expect: { status: 400, error: /malformed JSON/ } },
  { name: 'usage: JSON with a comment', endpoint: 'usage', raw: '{"events": [] /* hi */}', expect: { status: 400, error: /malformed JSON/ } },
  { name: 'usage: single-quoted JSON', endpoint: 'usage', raw: "{'events': []}", expect: { status: 400, error: /malformed JSON/ } },
  { name: 'usage: NaN literal', endpoint: 'usage', raw: (ctx) => `{"events":[{"id":"${ctx.p}","timestamp":"${ctx.ts}","model":"m","input_tokens":NaN}]}`, expect: { status: 400, error: /malformed JSON/ } },
  { name: 'usage: Infinity literal', endpoint: 'usage', raw: (ctx) => `{"events":[{"id":"${ctx.p}","timestamp":"${ctx.ts}","model":"m","input_tokens":Infinity}]}`, expect: { status: 400, error: /malformed JSON/ } },
  { name: 'usage: unterminated string', endpoint: 'usage', raw: '{"events":[{"id":"abc', expect: { status: 400, error: /malformed JSON/ } },
  { name: 'usage: 100k nested arrays as the body', endpoint: 'usage', raw: nested(100_000), expect: { status: 422, error: /invalid envelope/ } },
  { name: 'usage: 100k nested objects as the body', endpoint: 'usage', raw: nested(100_000, '{"a":', '}').replace(/:}/, ':1}'), expect: { status: 422, error: /unknown field\(s\) 'a'/ } },
  { name: 'usage: 100k nested arrays as events[0]', endpoint: 'usage', raw: `{"events":[${nested(100_000)}]}`, expect: { status: 207, events: [/events\[0\]: .*expected object/] } },
  { name: 'usage: 10 MB string id', endpoint: 'usage', raw: (ctx) => JSON.stringify({ events: [goodEvent(ctx, 'x'.repeat(10 * MB))] }), expect: { status: 413, error: /request body exceeds 4194304 bytes/ } },
  { name: 'usage: valid JSON padded past 4 MB with whitespace', endpoint: 'usage', raw: (ctx) => JSON.stringify({ events: [goodEvent(ctx, `${ctx.p}-x`)] }) + ' '.repeat(4 * MB), expect: { status: 413, error: /exceeds/ } },
  { name: 'usage: 1000 null events', endpoint: 'usage', body: { events: Array.from({ length: 1000 }, () => null) }, expect: { status: 207, summary: { accepted: 0, duplicates: 0, rejected: 1000 } } },
  { name: 'usage: Content-Type application/jsonp', endpoint: 'usage', contentType: 'application/jsonp', body: (ctx) => ({ events: [goodEvent(ctx, `${ctx.p}-x`)] }), expect: { status: 415, error: /Content-Type must be application\/json \(got 'application\/jsonp'\)/ } },
  { name: 'usage: no Content-Type', endpoint: 'usage', contentType: null, body: (ctx) => ({ events: [goodEvent(ctx, `${ctx.p}-x`)] }), expect: { status: 415, error: /Content-Type must be application\/json \(got none\)/ } },
  { name: 'usage: Content-Type multipart/form-data', endpoint: 'usage', contentType: 'multipart/form-data; boundary=x', raw: '--x\r\nContent-Disposition: form-data; name="events"\r\n\r\n[]\r\n--x--\r\n', expect: { status: 415, error: /application\/json/ } },
  { name: 'usage: 10 kB Content-Type', endpoint: 'usage', contentType: `text/${'x'.repeat(10_000)}`, body: { events: [] }, expect: { status: 415, error: /got 'text\/x{90,100}'\)/ } },
  { name: 'usage: Authorization with two tokens', endpoint: 'usage', authorization: 'Bearer one two', body: { events: [] }, expect: { status: 401, error: /malformed Authorization header/ } },
  { name: 'usage: Basic authorization', endpoint: 'usage', authorization: 'Basic dXNlcjpwYXNz', body: { events: [] }, expect: { status: 401, error: /malformed Authorization header/ } },
  { name: 'usage: 10 kB bearer token', endpoint: 'usage', authorization: `Bearer ml_abcdefgh_${'A'.repeat(10_000)}`, body: { events: [] }, expect: { status: 401, error: /unknown API key/ } },
  { name: 'usage: SQL in the bearer token', endpoint: 'usage', authorization: "Bearer ' OR '1'='1", body: { events: [] }, expect: { status: 401, error: /malformed Authorization header|malformed API key/ } },
  { name: 'usage: org-wide key', endpoint: 'usage', as: 'org', body: (ctx) => ({ events: [goodEvent(ctx, `${ctx.p}-x`)] }), expect: { status: 403, error: /lacks the scope usage:write/ } },
  { name: 'usage: spend:read-only key', endpoint: 'usage', as: 'readOnly', body: (ctx) => ({ events: [goodEvent(ctx, `${ctx.p}-x`)] }), expect: { status: 403, error: /usage:write/ } },
  { name: 'usage: a dashboard session instead of a key', endpoint: 'usage', as: 'admin', body: (ctx) => ({ events: [goodEvent(ctx, `${ctx.p}-x`)] }), expect: { status: 401, error: /missing API key/ } },

  // POST /api/v1/usage — one bad event among good ones (207 per event)
  badEvent('tokens 1e400 (Infinity after parsing)', { input_tokens: 'INF' }, /events\[0\]\.input_tokens/),
  badEvent('tokens 2^64', { input_tokens: 18446744073709551616 }, /events\[0\]\.input_tokens/),
  badEvent('tokens 2^53 + 1', { output_tokens: 9007199254740993 }, /events\[0\]\.output_tokens/),
  badEvent('tokens -0.5', { output_tokens: -0.5 }, /events\[0\]\.output_tokens/),
  badEvent('tokens true', { input_tokens: true }, /events\[0\]\.input_tokens/),
  badEvent('tokens []', { input_tokens: [] }, /events\[0\]\.input_tokens/),
  badEvent('tokens {}', { cache_read_tokens: {} }, /events\[0\]\.cache_read_tokens/),
  badEvent('tokens "1e3"', { reasoning_tokens: '1e3' }, /events\[0\]\.reasoning_tokens/),
  badEvent('tokens "NaN"', { cache_write_tokens: 'NaN' }, /events\[0\]\.cache_write_tokens/),
  badEvent('tokens one past the cap (1e9 + 1)', { input_tokens: 1_000_000_001 }, /events\[0\]\.input_tokens/),
  badEvent('latency_ms "5"', { latency_ms: '5' }, /events\[0\]\.latency_ms/),
  badEvent('latency_ms 1e300', { latency_ms: 1e300 }, /events\[0\]\.latency_ms/),
  badEvent('latency_ms null', { latency_ms: null }, /events\[0\]\.latency_ms/),
  badEvent('timestamp 2025-02-30', { timestamp: '2025-02-30T00:00:00Z' }, /events\[0\]\.timestamp/),
  badEvent('timestamp year 0', { timestamp: '0000-01-01T00:00:00Z' }, /events\[0\]\.timestamp: .*older than/),
  badEvent('timestamp year 9999', { timestamp: '9999-12-31T23:59:59Z' }, /events\[0\]\.timestamp: .*in the future/),
  badEvent('timestamp as epoch milliseconds', { timestamp: 1735689600000 }, /events\[0\]\.timestamp/),
  badEvent('timestamp as epoch seconds string', { timestamp: '1735689600' }, /events\[0\]\.timestamp/),
  badEvent('timestamp date only', { timestamp: '2025-01-01' }, /events\[0\]\.timestamp/),
  badEvent('timestamp with expanded year', { timestamp: '+002025-01-01T00:00:00Z' }, /events\[0\]\.timestamp/),
  badEvent('timestamp with a leap second', { timestamp: '2016-12-31T23:59:60Z' }, /events\[0\]\.timestamp/),
  badEvent('timestamp with offset +25:00', { timestamp: '2025-01-01T00:00:00+25:00' }, /events\[0\]\.timestamp/),
  badEvent('timestamp without seconds', { timestamp: '2025-01-01T00:00Z' }, /events\[0\]\.timestamp/),
  badEvent('timestamp 10 kB long', { timestamp: `2025-01-01T00:00:00${'0'.repeat(10_000)}Z` }, /events\[0\]\.timestamp/),
  badEvent('timestamp an object', { timestamp: { $date: '2025-01-01' } }, /events\[0\]\.timestamp/),
  badEvent('event key "prototype"', { prototype: { polluted: true } }, /events\[0\]: unknown field\(s\) 'prototype'/),
  badEvent('usage only holds __proto__', { input_tokens: undefined, output_tokens: undefined, usage: JSON.parse('{"__proto__":{"prompt_tokens":5,"completion_tokens":5}}') }, /events\[0\]: usage has no recognised token fields/),
  badEvent('model 3 MB long', { model: 'm'.repeat(3 * MB) }, /events\[0\]\.model/),
  badEvent('tag value 1 MB long', { tags: { team: 'v'.repeat(MB) } }, /events\[0\]\.tags\.team/),
  badEvent('tag key 65 characters', { tags: { ['k'.repeat(65)]: 'v' } }, /events\[0\]\.tags/),
  badEvent('tags an array', { tags: ['a', 'b'] }, /events\[0\]\.tags/),
  badEvent('provider an object', { provider: { name: 'openai' } }, /events\[0\]\.provider/),
  badEvent('model an array', { model: ['gpt-4o'] }, /events\[0\]\.model/),
  badEvent('NUL in the id', { id: 'nul\u0000id' }, /events\[0\]\.id/),
  badEvent('NUL in the model', { model: 'gpt\u00004o' }, /events\[0\]\.model/),
  badEvent('NUL in the provider', { provider: 'open\u0000ai' }, /events\[0\]\.provider/),
  badEvent('NUL in a tag value', { tags: { a: 'x\u0000' } }, /events\[0\]\.tags/),
  badEvent('NUL in a tag key', { tags: { 'a\u0000': 'x' } }, /events\[0\]\.tags/),
  badEvent('NUL inside usage', { input_tokens: undefined, output_tokens: undefined, usage: { prompt_tokens: 1, completion_tokens: 1, note: 'x\u0000' } }, /events\[0\]\.usage/),
  badEvent('lone surrogate inside usage', { input_tokens: undefined, output_tokens: undefined, usage: { prompt_tokens: 1, completion_tokens: 1, note: 'x\ud800' } }, /events\[0\]\.usage/),
  badEvent('tag named __proto__', JSON.parse('{"tags":{"__proto__":"x","a":"b"}}'), /events\[0\]\.tags/),
  {
    name: 'event: two ids differing only in a lone surrogate',
    endpoint: 'usage',
    body: (ctx) => ({ events: [goodEvent(ctx, `${ctx.p}-\ud800`), goodEvent(ctx, `${ctx.p}-\ud801`), goodEvent(ctx, `${ctx.p}-ok`)] }),
    expect: { status: 207, events: [/events\[0\]\.id/, /events\[1\]\.id/, 'accepted'] },
  },
  {
    name: 'event: usage nested 100k arrays deep (a 200 kB body)',
    endpoint: 'usage',
    raw: rawUsage((ctx) => `{"id":"${ctx.p}-deep","timestamp":"${ctx.ts}","model":"gpt-4o","usage":{"prompt_tokens":1,"completion_tokens":1,"x":${nested(100_000)}}},${goodJson(ctx, `${ctx.p}-ok`)}`),
    expect: { status: 207, events: [/events\[0\]\.usage/, 'accepted'] },
  },
  { name: 'event: null', endpoint: 'usage', body: (ctx) => ({ events: [null, goodEvent(ctx, `${ctx.p}-ok`)] }), expect: { status: 207, events: [/events\[0\]: .*expected object/, 'accepted'] } },
  { name: 'event: a string', endpoint: 'usage', body: (ctx) => ({ events: ['{"id":"x"}', goodEvent(ctx, `${ctx.p}-ok`)] }), expect: { status: 207, events: [/events\[0\]: .*expected object/, 'accepted'] } },
  { name: 'event: an array', endpoint: 'usage', body: (ctx) => ({ events: [[goodEvent(ctx, `${ctx.p}-in`)], goodEvent(ctx, `${ctx.p}-ok`)] }), expect: { status: 207, events: [/events\[0\]: .*expected object/, 'accepted'] } },
  { name: 'event: __proto__, constructor and prototype keys at every level of usage', endpoint: 'usage', raw: rawUsage((ctx) => `{"id":"${ctx.p}-u","timestamp":"${ctx.ts}","model":"gpt-4o","provider":"openai","usage":{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"prompt_tokens":10,"completion_tokens":2,"prompt_tokens_details":{"__proto__":{"cached_tokens":99},"cached_tokens":4}}}`), expect: { status: 200, events: ['accepted'] } },

  // Odd but valid: stored as data, never interpreted
  oddButValid('id "__proto__"', { id: '__proto__' }),
  oddButValid('id "constructor"', { id: 'constructor' }),
  oddButValid('model "__proto__"', { model: '__proto__' }),
  oddButValid('model "toString"', { model: 'toString' }),
  oddButValid('provider "constructor"', { provider: 'constructor' }),
  oddButValid('tags constructor / prototype / toString', { tags: { constructor: 'a', prototype: 'b', toString: 'c', hasOwnProperty: 'd' } }),
  oddButValid('SQL in the model', { model: "gpt-4o'; DROP TABLE usage_events; --" }),
  oddButValid('SQL in a tag', { tags: { q: "1' OR '1'='1" } }),
  oddButValid('SQL in the provider', { provider: "x' OR 1=1 --" }),
  oddButValid('emoji, RTL override and U+2028 in the id', { id: 'id-😀-\u202e-\u2028-end' }),
  oddButValid('tokens 1e-400 (0 after parsing)', { input_tokens: 'ZERO' }),
  oddButValid('every bucket at the cap (1e9)', { input_tokens: 1e9, output_tokens: 1e9, cache_read_tokens: 1e9, cache_write_tokens: 1e9, reasoning_tokens: 1e9 }),
  oddButValid('timestamp with nanoseconds', { timestamp: 'NANOS' }),

  // Duplicated ids, other teams' ids
  { name: 'ids: the same id twice in a batch', endpoint: 'usage', body: (ctx) => ({ events: [goodEvent(ctx, `${ctx.p}-d`), goodEvent(ctx, `${ctx.p}-d`)] }), expect: { status: 200, events: ['accepted', 'duplicate'] } },
  { name: 'ids: a rejected then a good event with the same id', endpoint: 'usage', body: (ctx) => ({ events: [goodEvent(ctx, `${ctx.p}-d`, { input_tokens: -1 }), goodEvent(ctx, `${ctx.p}-d`)] }), expect: { status: 207, events: [/events\[0\]\.input_tokens/, 'accepted'] } },
  { name: 'ids: same id, different content in one batch (first wins)', endpoint: 'usage', body: (ctx) => ({ events: [goodEvent(ctx, `${ctx.p}-d`), goodEvent(ctx, `${ctx.p}-d`, { model: 'o1', input_tokens: 999 })] }), expect: { status: 200, events: ['accepted', 'duplicate'] } },
  { name: 'ids: 1000 events with one id', endpoint: 'usage', body: (ctx) => ({ events: Array.from({ length: 1000 }, () => goodEvent(ctx, `${ctx.p}-same`)) }), expect: { status: 200, summary: { accepted: 1, duplicates: 999, rejected: 0 } } },
  { name: "ids: another team's event id is a new event here", endpoint: 'usage', body: (ctx) => ({ events: [goodEvent(ctx, ctx.otherEventId)] }), expect: { status: 200, events: ['accepted'] } },

  // POST /api/v1/otlp/v1/traces
  { name: 'otlp: body null', endpoint: 'otlp', raw: 'null', expect: { status: 422, error: /ExportTraceServiceRequest/ } },
  { name: 'otlp: resourceSpans null', endpoint: 'otlp', body: { resourceSpans: null }, expect: { status: 422, error: /resourceSpans must be an array/ } },
  { name: 'otlp: resourceSpans [null]', endpoint: 'otlp', body: { resourceSpans: [null] }, expect: { status: 422, error: /resourceSpans\[0\] must be an object/ } },
  { name: 'otlp: scopeSpans an object', endpoint: 'otlp', body: { resourceSpans: [{ scopeSpans: {} }] }, expect: { status: 422, error: /resourceSpans\[0\]\.scopeSpans must be an array/ } },
  { name: 'otlp: spans a string', endpoint: 'otlp', body: { resourceSpans: [{ scopeSpans: [{ spans: 'x' }] }] }, expect: { status: 422, error: /scopeSpans\[0\]\.spans must be an array/ } },
  { name: 'otlp: span null', endpoint: 'otlp', body: traces([null]), expect: { status: 422, error: /spans\[0\] must be an object/ } },
  { name: 'otlp: span attributes an object', endpoint: 'otlp', body: (ctx) => traces([{ ...span(ctx, 1, []), attributes: { 'gen_ai.request.model': 'x' } }]), expect: { status: 422, error: /spans\[0\]: attributes must be an array/ } },
  { name: 'otlp: resource attributes a string', endpoint: 'otlp', body: { resourceSpans: [{ resource: { attributes: 'x' }, scopeSpans: [] }] }, expect: { status: 422, error: /resourceSpans\[0\]\.resource: attributes must be an array/ } },
  { name: 'otlp: 10 001 spans', endpoint: 'otlp', body: traces(Array.from({ length: 10_001 }, () => ({}))), expect: { status: 422, error: /too many spans/ } },
  { name: 'otlp: 100k nested arrays as resource attributes', endpoint: 'otlp', raw: `{"resourceSpans":[{"resource":{"attributes":${nested(100_000)}}}]}`, expect: { status: 200, otlp: { stored: 0 } } },
  { name: 'otlp: body over 4 MB', endpoint: 'otlp', raw: `{"resourceSpans":[],"pad":"${'x'.repeat(4 * MB)}"}`, expect: { status: 413, error: /exceeds/ } },
  { name: 'otlp: key without usage:write', endpoint: 'otlp', as: 'readOnly', body: { resourceSpans: [] }, expect: { status: 403, error: /usage:write/ } },
  { name: 'otlp: org-wide key', endpoint: 'otlp', as: 'org', body: { resourceSpans: [] }, expect: { status: 403, error: /lacks the scope usage:write/ } },
  { name: 'otlp: Content-Type text/plain', endpoint: 'otlp', contentType: 'text/plain', raw: '{}', expect: { status: 415, error: /Content-Type must be application\/x-protobuf or application\/json \(got 'text\/plain'\)/ } },
  badSpan('traceId of 15 bytes', (ctx) => span(ctx, 1, genAi(), { traceId: 'ab'.repeat(15) }), /spans\[0\]: traceId/),
  badSpan('spanId not hex or base64', (ctx) => span(ctx, 1, genAi(), { spanId: 'zz!zz!zz' }), /spans\[0\]: .*spanId/),
  badSpan('endTimeUnixNano 1e400', (ctx) => span(ctx, 1, genAi(), { endTimeUnixNano: 'INF' }), /spans\[0\]: endTimeUnixNano/),
  badSpan('endTimeUnixNano negative', (ctx) => span(ctx, 1, genAi(), { endTimeUnixNano: '-1' }), /spans\[0\]: endTimeUnixNano/),
  badSpan('endTimeUnixNano an object', (ctx) => span(ctx, 1, genAi(), { endTimeUnixNano: { high: 1, low: 2 } }), /spans\[0\]: endTimeUnixNano/),
  badSpan('start and end 2^64 ns (year 2554)', (ctx) => span(ctx, 1, genAi(), { startTimeUnixNano: '18446744073709551616', endTimeUnixNano: '18446744073709551616' }), /spans\[0\]\.timestamp: .*in the future/),
  badSpan('a span lasting 56 years', (ctx) => span(ctx, 1, genAi(), { startTimeUnixNano: '1000000' }), /spans\[0\]\.latency_ms/),
  badSpan('endTimeUnixNano 0', (ctx) => span(ctx, 1, genAi(), { endTimeUnixNano: '0' }), /spans\[0\]: endTimeUnixNano/),
  badSpan('input tokens "1e3"', (ctx) => span(ctx, 1, genAi(undefined, { intValue: '1e3' })), /spans\[0\]: gen_ai\.usage\.input_tokens/),
  badSpan('input tokens "-5"', (ctx) => span(ctx, 1, genAi(undefined, { intValue: '-5' })), /spans\[0\]: gen_ai\.usage\.input_tokens/),
  badSpan('input tokens 1e400', (ctx) => span(ctx, 1, genAi(undefined, { intValue: 'INF' })), /spans\[0\]: gen_ai\.usage\.input_tokens/),
  badSpan('input tokens 2^64 as a string', (ctx) => span(ctx, 1, genAi(undefined, { intValue: '18446744073709551616' })), /spans\[0\]: gen_ai\.usage\.input_tokens/),
  badSpan('input tokens a double 1.5', (ctx) => span(ctx, 1, genAi(undefined, { doubleValue: 1.5 })), /spans\[0\]: gen_ai\.usage\.input_tokens/),
  badSpan('input tokens a boolean', (ctx) => span(ctx, 1, genAi(undefined, { boolValue: true })), /spans\[0\]: gen_ai\.usage\.input_tokens/),
  badSpan('no model', (ctx) => span(ctx, 1, genAi().slice(1)), /spans\[0\]: gen_ai\.request\.model/),
  badSpan('model a doubleValue', (ctx) => span(ctx, 1, genAi({ doubleValue: 4.5 })), /spans\[0\]: gen_ai\.request\.model/),
  badSpan('model an arrayValue', (ctx) => span(ctx, 1, genAi({ arrayValue: { values: [{ stringValue: 'gpt-4o' }] } })), /spans\[0\]: gen_ai\.request\.model/),
  badSpan('NUL in the model', (ctx) => span(ctx, 1, genAi({ stringValue: 'gpt\u00004o' })), /spans\[0\]\.model/),
  {
    name: 'otlp: __proto__ keys at every level, GenAI attributes named __proto__ and constructor',
    endpoint: 'otlp',
    raw: (ctx) => {
      const s = span(ctx, 7, [...genAi(), { key: '__proto__', value: { stringValue: 'x' } }, { key: 'constructor', value: { stringValue: 'y' } }, { key: 'gen_ai.operation.name', value: { stringValue: 'constructor' } }])
      const spanJson = JSON.stringify(s).replace(/^\{/, '{"__proto__":{"attributes":[]},')
      return `{"__proto__":{"resourceSpans":[]},"resourceSpans":[{"__proto__":{"scopeSpans":[]},"resource":{"__proto__":{"attributes":[]}},"scopeSpans":[{"__proto__":{"spans":[]},"spans":[${spanJson}]}]}]}`
    },
    expect: { status: 200, otlp: { stored: 1 } },
  },
  {
    // OTLP stores in chunks of 1000 events: a failure in the second chunk must not leave the first stored
    // behind a 500.
    name: 'otlp: 1500 spans, span 1200 has a NUL in its model',
    endpoint: 'otlp',
    body: (ctx) => traces(Array.from({ length: 1500 }, (_, i) => span(ctx, i + 1, genAi({ stringValue: i === 1200 ? 'gpt\u00004o' : 'gpt-4o' })))),
    expect: { status: 200, otlp: { stored: 1499, rejected: /spans\[1200\]\.model/ } },
  },
  { name: 'otlp: the same span twice', endpoint: 'otlp', body: (ctx) => traces([span(ctx, 3, genAi()), span(ctx, 3, genAi())]), expect: { status: 200, otlp: { stored: 1 } } },

  // POST /api/v1/route
  { name: 'route: body an array', endpoint: 'route', body: [route({})], expect: { status: 422, error: /invalid route request/ } },
  { name: 'route: body null', endpoint: 'route', raw: 'null', expect: { status: 422, error: /invalid route request/ } },
  { name: 'route: task missing', endpoint: 'route', body: { data_class: 'internal' }, expect: { status: 422, error: /task is required/ } },
  { name: 'route: task a number', endpoint: 'route', body: route({ task: 42 }), expect: { status: 422, error: /unknown task 42/ } },
  { name: 'route: task {"toString": 1}', endpoint: 'route', body: route({ task: { toString: 1 } }), expect: { status: 422, error: /unknown task an object/ } },
  { name: 'route: task nested 7000 arrays deep', endpoint: 'route', raw: `{"task":${nested(7000)},"data_class":"internal"}`, expect: { status: 422, error: /unknown task an array/ } },
  { name: 'route: data_class an array', endpoint: 'route', body: route({ data_class: ['public'] }), expect: { status: 422, error: /unknown data_class an array/ } },
  { name: 'route: data_class SQL', endpoint: 'route', body: route({ data_class: "public' OR '1'='1" }), expect: { status: 422, error: /unknown data_class 'public' OR '1'='1'/ } },
  { name: 'route: latency_budget_ms 0', endpoint: 'route', body: route({ latency_budget_ms: 0 }), expect: { status: 422, error: /latency_budget_ms must be at least 1/ } },
  { name: 'route: latency_budget_ms 1e300', endpoint: 'route', body: route({ latency_budget_ms: 1e300 }), expect: { status: 422, error: /latency_budget_ms/ } },
  { name: 'route: latency_budget_ms "100"', endpoint: 'route', body: route({ latency_budget_ms: '100' }), expect: { status: 422, error: /latency_budget_ms must be a whole number/ } },
  { name: 'route: expected_input_tokens 2^64', endpoint: 'route', body: route({ expected_input_tokens: 18446744073709551616 }), expect: { status: 422, error: /expected_input_tokens/ } },
  { name: 'route: expected_output_tokens 1.5', endpoint: 'route', body: route({ expected_output_tokens: 1.5 }), expect: { status: 422, error: /expected_output_tokens must be a whole number/ } },
  { name: 'route: expected_input_tokens -1', endpoint: 'route', body: route({ expected_input_tokens: -1 }), expect: { status: 422, error: /expected_input_tokens must not be negative/ } },
  { name: 'route: critical "true"', endpoint: 'route', body: route({ critical: 'true' }), expect: { status: 422, error: /critical must be true or false/ } },
  { name: 'route: candidates empty', endpoint: 'route', body: route({ candidates: [] }), expect: { status: 422, error: /candidates, when given, must name at least one model/ } },
  { name: 'route: 51 candidates', endpoint: 'route', body: route({ candidates: Array.from({ length: 51 }, () => 'gpt-4o') }), expect: { status: 422, error: /at most 50 candidates/ } },
  { name: 'route: candidate __proto__', endpoint: 'route', body: route({ candidates: ['__proto__', 'constructor'] }), expect: { status: 422, error: /unknown model\(s\) '__proto__', 'constructor'/ } },
  { name: 'route: candidate SQL', endpoint: 'route', body: route({ candidates: ["gpt-4o' OR 1=1 --"] }), expect: { status: 422, error: /unknown model\(s\)/ } },
  { name: 'route: candidate a number', endpoint: 'route', body: route({ candidates: [123] }), expect: { status: 422, error: /candidates must be model slugs/ } },
  { name: 'route: __proto__ key', endpoint: 'route', raw: '{"__proto__":{"critical":true},"task":"chat","data_class":"internal"}', expect: { status: 422, error: /unknown field\(s\) '__proto__'/ } },
  { name: 'route: constructor key', endpoint: 'route', body: route({ constructor: { prototype: { x: 1 } } }), expect: { status: 422, error: /unknown field\(s\) 'constructor'/ } },
  { name: 'route: body over 16 kB', endpoint: 'route', body: route({ pad: 'x'.repeat(20_000) }), expect: { status: 413, error: /request body exceeds 16384 bytes/ } },
  { name: 'route: malformed JSON', endpoint: 'route', raw: '{"task":', expect: { status: 400, error: /malformed JSON/ } },
  { name: 'route: invalid UTF-8', endpoint: 'route', raw: new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]), expect: { status: 400, error: /not valid UTF-8/ } },
  { name: 'route: text/plain', endpoint: 'route', contentType: 'text/plain', body: route({}), expect: { status: 415, error: /Content-Type must be application\/json/ } },
  { name: 'route: org-wide key', endpoint: 'route', as: 'org', body: route({}), expect: { status: 403, error: /scope usage:write or spend:read|use a team API key/ } },
  { name: 'route: no key', endpoint: 'route', as: 'none', body: route({}), expect: { status: 401, error: /missing API key/ } },

  // GET /api/v1/advice
  { name: 'advice: from 2025-02-30', endpoint: 'advice', query: '?from=2025-02-30&to=2025-03-01', expect: { status: 422, error: /from is not a calendar date/ } },
  { name: 'advice: year 0', endpoint: 'advice', query: '?from=0000-01-01&to=0000-01-31', expect: { status: 422, error: /from is not a calendar date/ } },
  { name: 'advice: from as a number', endpoint: 'advice', query: '?from=20250101', expect: { status: 422, error: /from must be a date YYYY-MM-DD/ } },
  { name: 'advice: from without zero padding', endpoint: 'advice', query: '?from=2025-1-1', expect: { status: 422, error: /from must be a date YYYY-MM-DD/ } },
  { name: 'advice: from with a time zone', endpoint: 'advice', query: '?from=2025-01-01T00:00:00Z', expect: { status: 422, error: /from must be a date YYYY-MM-DD/ } },
  { name: 'advice: range of 367 days', endpoint: 'advice', query: '?from=2025-01-01&to=2026-01-02', expect: { status: 422, error: /spans 367 days; at most 366/ } },
  { name: 'advice: from after to', endpoint: 'advice', query: '?from=2025-02-01&to=2025-01-01', expect: { status: 422, error: /must not be after/ } },
  { name: 'advice: unknown parameter team', endpoint: 'advice', query: (ctx) => `?team=${ctx.otherTeamSlug}`, expect: { status: 422, error: /unknown field\(s\) 'team'/ } },
  // Over HTTP, Next drops a "__proto__" query key before the handler sees it: the request is answered as if
  // it had not been sent (harmless — nothing reads it). In-process the handler refuses it as unknown.
  { name: 'advice: parameter __proto__', endpoint: 'advice', query: '?__proto__=1', expect: { status: 422, error: /unknown field\(s\) '__proto__'/ }, overHttp: { status: 200, ok: 'json' } },
  { name: 'advice: parameter constructor', endpoint: 'advice', query: '?constructor=x', expect: { status: 422, error: /unknown field\(s\) 'constructor'/ } },
  { name: 'advice: no key', endpoint: 'advice', as: 'none', query: '', expect: { status: 401, error: /missing API key/ } },
  { name: 'advice: usage:write-only key', endpoint: 'advice', as: 'writeOnly', query: '', expect: { status: 403, error: /spend:read/ } },

  // GET /api/v1/spend
  { name: 'spend: from 2025-02-30', endpoint: 'spend', query: '?from=2025-02-30&to=2025-03-01', expect: { status: 422, error: /from must be a real calendar day.*'2025-02-30'/ } },
  { name: 'spend: year 0', endpoint: 'spend', query: '?from=0000-01-01&to=0000-01-02', expect: { status: 422, error: /from must be a real calendar day/ } },
  { name: 'spend: from with a time and zone', endpoint: 'spend', query: '?from=2025-01-01T00:00:00Z&to=2025-01-02', expect: { status: 422, error: /from must be a real calendar day/ } },
  { name: 'spend: from as epoch seconds', endpoint: 'spend', query: '?from=1735689600&to=2025-01-02', expect: { status: 422, error: /from must be a real calendar day/ } },
  { name: 'spend: to before from', endpoint: 'spend', query: '?from=2025-02-01&to=2025-01-01', expect: { status: 422, error: /must not be after to/ } },
  { name: 'spend: 401 days', endpoint: 'spend', query: '?from=2024-01-01&to=2025-02-04', expect: { status: 422, error: /at most 400 days/ } },
  { name: 'spend: group_by __proto__', endpoint: 'spend', query: '?group_by=__proto__', expect: { status: 422, error: /unknown group_by value '__proto__'/ } },
  { name: 'spend: group_by constructor', endpoint: 'spend', query: '?group_by=team,constructor', expect: { status: 422, error: /unknown group_by value 'constructor'/ } },
  { name: 'spend: parameter __proto__', endpoint: 'spend', query: '?__proto__=1', expect: { status: 422, error: /unknown query parameter\(s\): '__proto__'/ }, overHttp: { status: 200, ok: 'json' } },
  { name: 'spend: parameter __proto__ next to a real one', endpoint: 'spend', query: '?__proto__=1&group_by=team', expect: { status: 422, error: /unknown query parameter\(s\): '__proto__'/ }, overHttp: { status: 200, ok: 'json' } },
  { name: 'spend: from given twice', endpoint: 'spend', query: '?from=2025-01-01&from=2025-01-02', expect: { status: 422, error: /from may be given once/ } },
  { name: 'spend: unknown route', endpoint: 'spend', query: '?route=quantum', expect: { status: 422, error: /unknown route 'quantum'/ } },
  { name: 'spend: 101 models', endpoint: 'spend', query: `?model=${Array.from({ length: 101 }, (_, i) => `m${i}`).join(',')}`, expect: { status: 422, error: /at most 100 models/ } },
  { name: 'spend: NUL in a model', endpoint: 'spend', query: '?model=gpt%004o', expect: { status: 422, error: /model name must not contain NUL/ } },
  { name: 'spend: NUL in a team (team key)', endpoint: 'spend', query: '?team=a%00b', expect: { status: 403, error: /not allowed: 'a\u0000b'/ } },
  { name: 'spend: NUL in a team (org key)', endpoint: 'spend', as: 'org', query: '?team=a%00b', expect: { status: 422, error: /unknown team\(s\): 'a\u0000b'/ } },
  { name: 'spend: SQL in a team (team key)', endpoint: 'spend', query: `?team=${encodeURIComponent("' OR '1'='1")}`, expect: { status: 403, error: /only your own team/ } },
  { name: 'spend: SQL in a team (org key)', endpoint: 'spend', as: 'org', query: `?team=${encodeURIComponent("x' OR 1=1 --")}`, expect: { status: 422, error: /unknown team\(s\)/ } },
  { name: "spend: another team's slug (team key)", endpoint: 'spend', query: (ctx) => `?team=${ctx.otherTeamSlug}`, expect: { status: 403, error: /you may read only your own team's spend/ } },
  { name: "spend: own and another team's slug", endpoint: 'spend', query: (ctx) => `?team=${ctx.teamSlug},${ctx.otherTeamSlug}`, expect: { status: 403, error: /only your own team/ } },
  { name: "spend: another team's slug (engineer session)", endpoint: 'spend', as: 'engineer', query: (ctx) => `?team=${ctx.otherTeamSlug}`, expect: { status: 403, error: /only your own team/ } },
  { name: 'spend: SQL as a model filter is just a filter', endpoint: 'spend', query: `?model=${encodeURIComponent("x' OR 1=1 --")}`, expect: { status: 200, ok: 'json' } },
  { name: 'spend: no credentials', endpoint: 'spend', as: 'none', query: '', expect: { status: 401, error: /missing credentials/ } },
  { name: 'spend: usage:write-only key', endpoint: 'spend', as: 'writeOnly', query: '', expect: { status: 403, error: /spend:read/ } },

  // GET /api/v1/exports/focus
  { name: 'focus: month 2025-13', endpoint: 'focus', query: '?month=2025-13', expect: { status: 422, error: /month must be YYYY-MM \(got '2025-13'\)/ } },
  { name: 'focus: month 0000-01', endpoint: 'focus', query: '?month=0000-01', expect: { status: 422, error: /month must be between/ } },
  { name: 'focus: month 9999-12', endpoint: 'focus', query: '?month=9999-12', expect: { status: 422, error: /month must be between/ } },
  { name: 'focus: month 0099-01 (Date.UTC reads it as 1999)', endpoint: 'focus', query: '?month=0099-01', expect: { status: 422, error: /month must be between/ } },
  { name: 'focus: month 2025-1', endpoint: 'focus', query: '?month=2025-1', expect: { status: 422, error: /month must be YYYY-MM/ } },
  { name: 'focus: month __proto__', endpoint: 'focus', query: '?month=__proto__', expect: { status: 422, error: /month must be YYYY-MM/ } },
  { name: 'focus: month as a date', endpoint: 'focus', query: '?month=2025-01-01', expect: { status: 422, error: /month must be YYYY-MM/ } },
  { name: "focus: another team's slug (team key)", endpoint: 'focus', as: 'readOnly', query: (ctx) => `?month=2025-01&team=${ctx.otherTeamSlug}`, expect: { status: 403, error: /only your own team/ } },
  { name: 'focus: NUL in a team', endpoint: 'focus', as: 'readOnly', query: '?month=2025-01&team=a%00b', expect: { status: 403, error: /not allowed: 'a\u0000b'/ } },
  { name: 'focus: NUL in a team (org key)', endpoint: 'focus', as: 'org', query: '?month=2025-01&team=a%00b', expect: { status: 422, error: /unknown team\(s\)/ } },
  { name: 'focus: usage:write-only key', endpoint: 'focus', as: 'writeOnly', query: '?month=2025-01', expect: { status: 403, error: /spend:read/ } },
  { name: 'focus: engineer session', endpoint: 'focus', as: 'engineer', query: '?month=2025-01', expect: { status: 403, error: /may not reports:/ } },
  { name: 'focus: no credentials', endpoint: 'focus', as: 'none', query: '?month=2025-01', expect: { status: 401, error: /Sign in first/ } },

  // GET /api/v1/reprice-runs/:id
  { name: 'reprice-run: no session', endpoint: 'reprice-run', as: 'none', query: '1', expect: { status: 401, error: /Sign in first/ } },
  { name: 'reprice-run: an API key is not a session', endpoint: 'reprice-run', as: 'team', query: '1', expect: { status: 401, error: /Sign in first/ } },
  { name: 'reprice-run: engineer session', endpoint: 'reprice-run', as: 'engineer', query: '1', expect: { status: 403, error: /may not prices:reprice/ } },
  { name: 'reprice-run: id abc', endpoint: 'reprice-run', as: 'finance', query: 'abc', expect: { status: 422, error: /run id must be a positive integer/ } },
  { name: 'reprice-run: id -1', endpoint: 'reprice-run', as: 'finance', query: '-1', expect: { status: 422, error: /run id must be a positive integer/ } },
  { name: 'reprice-run: id 0', endpoint: 'reprice-run', as: 'finance', query: '0', expect: { status: 422, error: /run id must be a positive integer/ } },
  { name: 'reprice-run: id 1.5', endpoint: 'reprice-run', as: 'finance', query: '1.5', expect: { status: 422, error: /run id must be a positive integer/ } },
  { name: 'reprice-run: id NUL', endpoint: 'reprice-run', as: 'finance', query: '%00', expect: { status: 422, error: /run id must be a positive integer/ } },
  { name: 'reprice-run: id 2^31 (past int4)', endpoint: 'reprice-run', as: 'finance', query: '2147483648', expect: { status: 404, error: /unknown re-price run 2147483648/ } },
  { name: 'reprice-run: id 99999999999', endpoint: 'reprice-run', as: 'finance', query: '99999999999', expect: { status: 404, error: /unknown re-price run/ } },
  { name: 'reprice-run: id 1e400', endpoint: 'reprice-run', as: 'finance', query: '1e400', expect: { status: 422, error: /run id must be a positive integer/ } },
  { name: 'reprice-run: id that does not exist', endpoint: 'reprice-run', as: 'admin', query: '2147483647', expect: { status: 404, error: /unknown re-price run 2147483647/ } },
]

export const corpus: HostileCase[] = [...corpusOfJson, ...otlpProtobufCases]

// Placeholders the JSON cannot say: 1e400 / 1e-400 / nanosecond timestamps are written into the raw text.
const placeholders: [RegExp, (ctx: CorpusContext) => string][] = [
  [/"INF"/g, () => '1e400'],
  [/"ZERO"/g, () => '1e-400'],
  [/"NANOS"/g, (ctx) => JSON.stringify(ctx.ts.replace(/\.(\d{3})Z$/, '.$1456789Z'))],
]

/** The request a case makes: method, path with query, headers (minus credentials) and body bytes. */
export function buildRequest(c: HostileCase, ctx: CorpusContext): { method: 'GET' | 'POST'; path: string; contentType: string | null; contentEncoding: string | null; body: Uint8Array | null } {
  const { method, path } = endpointPaths[c.endpoint]
  const query = c.query === undefined ? '' : resolve(c.query, ctx)
  let body: Uint8Array | null = null
  if (c.raw !== undefined) {
    const raw = resolve(c.raw, ctx)
    body = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw
  } else if (c.body !== undefined) {
    let text = JSON.stringify(typeof c.body === 'function' ? c.body(ctx) : c.body)
    for (const [pattern, value] of placeholders) text = text.replace(pattern, () => value(ctx))
    body = Buffer.from(text, 'utf8')
  }
  const contentType = c.contentType === undefined ? (body ? 'application/json' : null) : c.contentType
  return { method, path: path + query, contentType, contentEncoding: c.contentEncoding ?? null, body }
}

/** What the database must show afterwards: new rows for the caller's team, given the answer. */
export function expectedStoredRows(c: HostileCase, overHttp = false): number {
  const e = expectationFor(c, overHttp)
  if ('events' in e) return e.events.filter((x) => x === 'accepted').length
  if ('summary' in e) return e.summary.accepted
  if ('otlp' in e) return e.otlp.stored
  if ('otlpProtobuf' in e) return e.otlpProtobuf.stored
  return 0
}

export function expectationFor(c: HostileCase, overHttp: boolean): Expect {
  return overHttp && c.overHttp ? c.overHttp : c.expect
}

/** Exactly what was acknowledged was stored for the caller's team, and nothing for the other team. */
export function checkRows(c: HostileCase, before: { team: number; other: number }, after: { team: number; other: number }, overHttp = false): string[] {
  const problems: string[] = []
  const stored = after.team - before.team
  const expected = expectedStoredRows(c, overHttp)
  if (stored !== expected) problems.push(`${stored} rows stored for the team, expected ${expected}`)
  if (after.other !== before.other) problems.push(`the other team's rows changed: ${before.other} → ${after.other}`)
  return problems
}

/**
 * Checks an answer against the case: the status, the one error shape with a message matching, or the
 * per-event / OTLP results. Returns what is wrong (empty when the answer is right).
 */
export function checkAnswer(c: HostileCase, status: number, contentType: string | null, bytes: Uint8Array, overHttp = false): string[] {
  const problems: string[] = []
  const e = expectationFor(c, overHttp)
  const text = Buffer.from(bytes).toString('utf8')
  if (status !== e.status) problems.push(`status ${status}, expected ${e.status}: ${text.slice(0, 300)}`)
  if (status >= 500) problems.push(`a ${status}: never for bad input`)
  if ('otlpProtobuf' in e || 'rpcStatus' in e) return [...problems, ...checkProtobufAnswer(e, contentType, bytes)]
  if ('ok' in e) {
    if (e.ok === 'csv' && !/text\/csv/.test(contentType ?? '')) problems.push(`content-type ${contentType}, expected CSV`)
    if (e.ok === 'json') parse(text, problems)
    return problems
  }
  if (!/application\/json/.test(contentType ?? '')) problems.push(`content-type ${contentType}, expected application/json`)
  const body = parse(text, problems) as Record<string, unknown> | undefined
  if (!body) return problems
  if ('error' in e) {
    const err = body.error as { code?: unknown; message?: unknown } | undefined
    if (!err || typeof err.code !== 'string' || typeof err.message !== 'string') problems.push(`not the error shape {"error": {"code", "message"}}: ${text.slice(0, 200)}`)
    else if (!e.error.test(err.message)) problems.push(`message ${JSON.stringify(err.message.slice(0, 300))} does not match ${e.error}`)
    if (Object.keys(body).length !== 1) problems.push(`extra top-level keys: ${Object.keys(body).join(', ')}`)
    return problems
  }
  if ('otlp' in e) {
    const partial = body.partialSuccess as { rejectedSpans?: number; errorMessage?: string } | undefined
    if (!e.otlp.rejected && partial) problems.push(`unexpected partialSuccess: ${JSON.stringify(partial).slice(0, 300)}`)
    if (e.otlp.rejected && !partial) problems.push('expected partialSuccess naming the rejected span')
    if (e.otlp.rejected && partial && !e.otlp.rejected.test(partial.errorMessage ?? '')) problems.push(`errorMessage ${JSON.stringify(partial.errorMessage)} does not match ${e.otlp.rejected}`)
    return problems
  }
  const results = body.results as { id?: unknown; status?: string; error?: string }[] | undefined
  if (!Array.isArray(results)) return [...problems, `no per-event results: ${text.slice(0, 200)}`]
  const count = (s: string) => results.filter((r) => r.status === s).length
  if (body.accepted !== count('accepted') || body.duplicates !== count('duplicate') || body.rejected !== count('rejected')) problems.push('counts disagree with results')
  if ('summary' in e) {
    const got = { accepted: body.accepted, duplicates: body.duplicates, rejected: body.rejected }
    if (JSON.stringify(got) !== JSON.stringify(e.summary)) problems.push(`summary ${JSON.stringify(got)}, expected ${JSON.stringify(e.summary)}`)
    for (const r of results) if (r.status === 'rejected' && !/^events\[\d+\]/.test(r.error ?? '')) problems.push(`rejection does not say where: ${r.error}`)
    return problems
  }
  if (results.length !== e.events.length) problems.push(`${results.length} results, expected ${e.events.length}`)
  e.events.forEach((want, i) => {
    const r = results[i]
    if (!r) return
    if (want instanceof RegExp) {
      if (r.status !== 'rejected') problems.push(`events[${i}]: ${r.status}, expected rejected matching ${want}`)
      else if (!want.test(r.error ?? '')) problems.push(`events[${i}]: error ${JSON.stringify(r.error?.slice(0, 300))} does not match ${want}`)
    } else if (r.status !== want) problems.push(`events[${i}]: ${r.status}${r.error ? ` (${r.error.slice(0, 200)})` : ''}, expected ${want}`)
  })
  return problems
}

function parse(text: string, problems: string[]): unknown {
  try {
    return JSON.parse(text)
  } catch {
    problems.push(`body is not JSON: ${text.slice(0, 200)}`)
    return undefined
  }
}
