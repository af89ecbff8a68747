import fc from 'fast-check'

// fast-check generators for hostile JSON, shared by the property tests of the ingest validator and the
// OTLP parser. Values are generated as a tree, written out as JSON text and parsed back with JSON.parse,
// so they are exactly what a server sees: "__proto__" stays an own key, 1e400 is Infinity, -0 is 0.

export type JsonTree = null | boolean | number | string | { arr: JsonTree[] } | { obj: [string, JsonTree][] }

/** Keys an attacker (or a confused client) sends: prototype names, our own field names, anything. */
export const hostileKey = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__') },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'id', 'timestamp', 'model', 'provider', 'usage', 'tags', 'task', 'data_class', 'latency_ms', 'events',
      'input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_write_tokens', 'reasoning_tokens',
      'prompt_tokens', 'completion_tokens', 'total_tokens', 'prompt_tokens_details', 'completion_tokens_details', 'cached_tokens',
      'cache_read_input_tokens', 'cache_creation_input_tokens', 'input_tokens_details', 'output_tokens_details',
      'resourceSpans', 'scopeSpans', 'spans', 'resource', 'attributes', 'key', 'value', 'stringValue', 'intValue', 'doubleValue', 'boolValue',
      'traceId', 'spanId', 'startTimeUnixNano', 'endTimeUnixNano',
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
)

/** Strings with the characters that break things: NUL, lone surrogates, quotes, backslashes, RTL marks. */
export const nastyString = fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udfff', '😀', '\u202e', '\u2028', 'a', 'Z', '0', "'", '"', '\\', ' ', '-', ':'), maxLength: 12 })

export const hostileString = fc.oneof(
  fc.string({ maxLength: 20 }),
  nastyString,
  fc.constantFrom(
    '', ' ', 'gpt-4o', 'deepseek-chat', 'openai', 'anthropic', 'deepseek', 'azure', 'chat', 'internal', 'NaN', '1e3', '-1', '18446744073709551616',
    '2025-02-30T00:00:00Z', '0000-01-01T00:00:00Z', '2025-01-01', "'; DROP TABLE usage_events; --", 'ab'.repeat(16), '00'.repeat(8),
  ),
)

export const hostileNumber = fc.oneof(
  fc.integer(),
  fc.nat({ max: 2_000_000_000 }),
  fc.double({ noNaN: true }),
  fc.constantFrom(0, -0, -1, 1.5, 2 ** 53 + 1, 2 ** 64, 1e9, 1e9 + 1, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE, 86_400_001),
)

export const jsonTree: fc.Arbitrary<JsonTree> = fc.letrec<{ tree: JsonTree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    hostileNumber,
    hostileString,
    fc.record({ arr: fc.array(tie('tree'), { maxLength: 4 }) }),
    fc.record({ obj: fc.array(fc.tuple(hostileKey, tie('tree')), { maxLength: 5 }) }),
  ),
})).tree

/** The JSON text of a tree. Infinity is written as 1e400, which JSON.parse reads back as Infinity. */
export function renderJson(t: JsonTree): string {
  if (t === null || typeof t === 'boolean' || typeof t === 'string') return JSON.stringify(t)
  if (typeof t === 'number') return t === Infinity ? '1e400' : t === -Infinity ? '-1e400' : JSON.stringify(t)
  if ('arr' in t) return `[${t.arr.map(renderJson).join(',')}]`
  return `{${t.obj.map(([k, v]) => `${JSON.stringify(k)}:${renderJson(v)}`).join(',')}}`
}

/** What a server holds after JSON.parse of the wire text. */
export const hostileJson: fc.Arbitrary<unknown> = jsonTree.map((t) => JSON.parse(renderJson(t)))

/**
 * An object with the given fields, each mostly well-formed (from `valid`), sometimes absent or hostile,
 * and now and then a stray key: most objects get deep into validation before one thing is wrong.
 */
export function mixedObject(valid: Record<string, fc.Arbitrary<JsonTree>>): fc.Arbitrary<JsonTree> {
  const fields = Object.entries(valid).map(([key, good]) =>
    fc.oneof(
      { weight: 1, arbitrary: fc.constant(null as [string, JsonTree] | null) },
      { weight: 12, arbitrary: good.map((v) => [key, v] as [string, JsonTree]) },
      { weight: 1, arbitrary: jsonTree.map((v) => [key, v] as [string, JsonTree]) },
    ),
  )
  const stray = fc.oneof({ weight: 4, arbitrary: fc.constant([] as [string, JsonTree][]) }, { weight: 1, arbitrary: fc.array(fc.tuple(hostileKey, jsonTree), { minLength: 1, maxLength: 2 }) })
  return fc.tuple(fc.tuple(...fields), stray).map(([picked, extra]) => ({ obj: [...picked.filter((f): f is [string, JsonTree] => f !== null), ...extra] }))
}

// --- OTLP/JSON ---------------------------------------------------------------------------------------------

const kv = (key: fc.Arbitrary<string>, value: fc.Arbitrary<JsonTree>) => mixedObject({ key: key as fc.Arbitrary<JsonTree>, value })
const anyValue = mixedObject({ stringValue: fc.constantFrom('gpt-4o', 'openai', 'chat', ''), intValue: fc.oneof(fc.nat().map(String), fc.nat()), doubleValue: fc.double({ noNaN: true }), boolValue: fc.boolean() })
const attrName = fc.constantFrom(
  'gen_ai.request.model', 'gen_ai.response.model', 'gen_ai.usage.input_tokens', 'gen_ai.usage.output_tokens', 'gen_ai.usage.prompt_tokens',
  'gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.cache_creation.input_tokens', 'gen_ai.usage.reasoning.output_tokens',
  'gen_ai.system', 'gen_ai.provider.name', 'gen_ai.operation.name', 'modelledger.task', 'modelledger.data_class', '__proto__', 'constructor',
)
// Mostly a usable GenAI set (model, input and output tokens), with hostile extras and mutations mixed in.
const genAiSet = fc.tuple(
  kv(fc.constantFrom('gen_ai.request.model', 'gen_ai.response.model'), mixedObject({ stringValue: fc.constantFrom('gpt-4o', 'deepseek-chat', 'x') })),
  kv(fc.constantFrom('gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'), mixedObject({ intValue: fc.oneof(fc.nat({ max: 1_000_000 }).map(String), fc.nat({ max: 1_000_000 })) })),
  kv(fc.constant('gen_ai.usage.output_tokens'), mixedObject({ intValue: fc.nat({ max: 1_000_000 }) })),
)
const attributes = fc
  .tuple(fc.option(genAiSet, { freq: 4 }), fc.array(fc.oneof({ weight: 5, arbitrary: kv(attrName, anyValue) }, { weight: 1, arbitrary: jsonTree }), { maxLength: 3 }))
  .map(([set, extra]): JsonTree => ({ arr: [...(set ?? []), ...extra] }))
const nowNanos = BigInt(Date.now()) * 1_000_000n
const nanos = fc.oneof(
  { weight: 6, arbitrary: fc.bigInt({ min: nowNanos - 86_400_000_000_000n, max: nowNanos }).map(String) },
  { weight: 1, arbitrary: fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 70n }).map(String), fc.nat(), fc.constantFrom('-1', '1e18', '')) },
)
export const hexId = (bytes: number) => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => Buffer.from(b).toString('hex'))
const spanTree = mixedObject({ traceId: hexId(16), spanId: hexId(8), startTimeUnixNano: nanos, endTimeUnixNano: nanos, attributes })

/** An OTLP/JSON ExportTraceServiceRequest, mostly well-formed, with hostile values and keys mixed in. */
export const otlpRequestTree = mixedObject({
  resourceSpans: fc
    .array(
      mixedObject({
        resource: mixedObject({ attributes }),
        scopeSpans: fc.array(mixedObject({ spans: fc.array(spanTree, { maxLength: 4 }).map((arr): JsonTree => ({ arr })) }), { maxLength: 3 }).map((arr): JsonTree => ({ arr })),
      }),
      { maxLength: 3 },
    )
    .map((arr): JsonTree => ({ arr })),
})

