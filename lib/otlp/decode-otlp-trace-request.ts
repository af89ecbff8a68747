import { AppError } from '@/lib/errors'
import { ExportTraceServiceRequest } from './otlp-messages'

// Decoded messages as protobufjs makes them: fields set on the wire are own properties (defaults sit on
// the prototype); int64 is a Long; bytes are a Uint8Array.
type Int64 = { low: number; high: number; toNumber(): number; toString(): string } | number
type AnyValueMessage = { stringValue?: string; intValue?: Int64; doubleValue?: number; boolValue?: boolean }
type KeyValueMessage = { key: string; value?: AnyValueMessage | null }
type SpanMessage = { traceId: Uint8Array; spanId: Uint8Array; startTimeUnixNano: Int64; endTimeUnixNano: Int64; attributes: KeyValueMessage[] }
type RequestMessage = { resourceSpans: { resource?: { attributes: KeyValueMessage[] } | null; scopeSpans: { spans: SpanMessage[] }[] }[] }

/**
 * A protobuf ExportTraceServiceRequest as the object OTLP/JSON would have parsed to, so both encodings
 * take one path (parseOtlpTraces): camelCase fields, int64 as decimal strings. Only what that parser
 * reads is carried over (ids, times, scalar attributes); trace_id / span_id stay bytes, which it turns
 * to hex. protobufjs does the wire decoding; this only renames its result (its generic toObject costs
 * more than the decoding itself).
 */
export function decodeOtlpTraceRequest(body: Uint8Array): unknown {
  let message: RequestMessage
  try {
    message = ExportTraceServiceRequest.decode(body) as unknown as RequestMessage
  } catch (err) {
    // protobufjs says what stopped it ("index out of range", "invalid wire type 7 at offset 3", "illegal
    // tag", "max depth exceeded"). Fields sent with the wrong wire type are skipped, like unknown fields.
    throw new AppError('bad_request', `invalid protobuf ExportTraceServiceRequest: ${(err as Error).message.slice(0, 200)}`)
  }
  return { resourceSpans: message.resourceSpans.map(resourceSpans) }
}

// Plain loops and objects built field by field: this runs for every span of every request.
function resourceSpans(rs: RequestMessage['resourceSpans'][number]): Record<string, unknown> {
  const scopeSpans = new Array<{ spans: Record<string, unknown>[] }>(rs.scopeSpans.length)
  for (let i = 0; i < scopeSpans.length; i++) {
    const spans = (rs.scopeSpans[i] as { spans: SpanMessage[] }).spans
    const out = new Array<Record<string, unknown>>(spans.length)
    for (let k = 0; k < spans.length; k++) out[k] = span(spans[k] as SpanMessage)
    scopeSpans[i] = { spans: out }
  }
  return rs.resource ? { resource: { attributes: rs.resource.attributes.map(keyValue) }, scopeSpans } : { scopeSpans }
}

function span(s: SpanMessage): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: s.attributes.map(keyValue) }
  if (Object.hasOwn(s, 'traceId')) out.traceId = s.traceId
  if (Object.hasOwn(s, 'spanId')) out.spanId = s.spanId
  if (Object.hasOwn(s, 'startTimeUnixNano')) out.startTimeUnixNano = uint64(s.startTimeUnixNano)
  if (Object.hasOwn(s, 'endTimeUnixNano')) out.endTimeUnixNano = uint64(s.endTimeUnixNano)
  return out
}

function keyValue(kv: KeyValueMessage): { key: string; value: Record<string, unknown> } {
  const v = kv.value
  let value: Record<string, unknown> = {}
  if (v) {
    if (Object.hasOwn(v, 'stringValue')) value = { stringValue: v.stringValue }
    else if (Object.hasOwn(v, 'intValue')) value = { intValue: int64(v.intValue as Int64) }
    else if (Object.hasOwn(v, 'doubleValue')) value = { doubleValue: v.doubleValue }
    else if (Object.hasOwn(v, 'boolValue')) value = { boolValue: v.boolValue }
  }
  return { key: kv.key, value }
}

/** fixed64 nanoseconds, exactly, as the decimal string OTLP/JSON uses. */
function uint64(v: Int64): string {
  if (typeof v === 'number') return String(v)
  return String((BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0))
}

/** A token count: a number when it is exact, else the decimal string (the parser then says it is too large). */
function int64(v: Int64): number | string {
  if (typeof v === 'number') return v
  const n = v.toNumber()
  return Number.isSafeInteger(n) ? n : v.toString()
}
