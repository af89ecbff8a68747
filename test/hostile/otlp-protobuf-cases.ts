import { gzipSync } from 'node:zlib'
import { ExportTraceServiceRequest, ExportTraceServiceResponse, RpcStatus } from '@/lib/otlp/otlp-messages'
import type { CorpusContext, HostileCase } from './corpus'

// OTLP/HTTP protobuf cases of the hostile corpus: answers are protobuf too (ExportTraceServiceResponse,
// or a google.rpc.Status for an error), which checkProtobufAnswer decodes.

const PROTOBUF = 'application/x-protobuf'
const Span = ExportTraceServiceRequest.root.lookupType('opentelemetry.proto.trace.v1.Span')
const MB = 1024 * 1024

type Attr = { key: string; value: Record<string, unknown> }

const genAi = (model = 'gpt-4o'): Attr[] => [
  { key: 'gen_ai.request.model', value: { stringValue: model } },
  { key: 'gen_ai.usage.input_tokens', value: { intValue: 100 } },
  { key: 'gen_ai.usage.output_tokens', value: { intValue: 20 } },
]

function pbSpan(ctx: CorpusContext, n: number, attributes: Attr[], over: Record<string, unknown> = {}) {
  return {
    traceId: Buffer.from(`${ctx.p}-trace`.padEnd(16, '.').slice(0, 16)),
    spanId: Buffer.from(n.toString(16).padStart(16, '0'), 'hex'),
    name: 'chat',
    startTimeUnixNano: String(BigInt(Date.parse(ctx.ts) - 1500) * 1_000_000n),
    endTimeUnixNano: String(BigInt(Date.parse(ctx.ts)) * 1_000_000n),
    attributes,
    ...over,
  }
}

function encode(spans: unknown[]): Uint8Array {
  return ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject({ resourceSpans: [{ scopeSpans: [{ spans }] }] })).finish()
}

/** A length-delimited field by hand, for messages protobufjs would never encode (wrong wire types). */
function field(no: number, inner: Uint8Array): Buffer {
  const len: number[] = []
  for (let n = inner.length; ; n >>>= 7) {
    if (n < 128) {
      len.push(n)
      break
    }
    len.push((n & 127) | 128)
  }
  return Buffer.concat([Buffer.from([(no << 3) | 2, ...len]), inner])
}

/** ExportTraceServiceRequest { resource_spans { scope_spans { spans: <raw span bytes> } } } */
const wrapSpanBytes = (span: Uint8Array) => field(1, field(2, field(2, span)))

// A gzip bomb: 64 MB of zeros in about 64 kB; made once, on first use.
let bomb: Buffer | undefined
const gzipBomb = () => (bomb ??= gzipSync(Buffer.alloc(64 * MB), { level: 9 }))

export const otlpProtobufCases: HostileCase[] = [
  { name: 'otlp protobuf: one GenAI span', endpoint: 'otlp', contentType: PROTOBUF, raw: (ctx) => encode([pbSpan(ctx, 1, genAi())]), expect: { status: 200, otlpProtobuf: { stored: 1 } } },
  { name: 'otlp protobuf, gzip: one GenAI span', endpoint: 'otlp', contentType: PROTOBUF, contentEncoding: 'gzip', raw: (ctx) => gzipSync(encode([pbSpan(ctx, 1, genAi())])), expect: { status: 200, otlpProtobuf: { stored: 1 } } },
  { name: 'otlp protobuf: Content-Type application/protobuf, empty ResourceSpans', endpoint: 'otlp', contentType: 'application/protobuf', raw: new Uint8Array([0x0a, 0x00]), expect: { status: 200, otlpProtobuf: { stored: 0 } } },
  { name: 'otlp protobuf: an empty body is an empty request', endpoint: 'otlp', contentType: PROTOBUF, raw: new Uint8Array(0), expect: { status: 200, otlpProtobuf: { stored: 0 } } },
  {
    name: 'otlp protobuf: a span without a model, then a good one → partial_success',
    endpoint: 'otlp',
    contentType: PROTOBUF,
    raw: (ctx) => encode([pbSpan(ctx, 1, genAi().slice(1)), pbSpan(ctx, 2, genAi())]),
    expect: { status: 200, otlpProtobuf: { stored: 1, rejected: /spans\[0\]: gen_ai\.request\.model or gen_ai\.response\.model is required/ } },
  },
  { name: 'otlp protobuf: truncated message', endpoint: 'otlp', contentType: PROTOBUF, raw: (ctx) => encode([pbSpan(ctx, 1, genAi())]).subarray(0, 40), expect: { status: 400, rpcStatus: /invalid protobuf ExportTraceServiceRequest: index out of range/ } },
  { name: 'otlp protobuf: field number 0', endpoint: 'otlp', contentType: PROTOBUF, raw: new Uint8Array([0x00, 0x00]), expect: { status: 400, rpcStatus: /illegal tag/ } },
  { name: 'otlp protobuf: invalid wire type 7', endpoint: 'otlp', contentType: PROTOBUF, raw: new Uint8Array([0x0f]), expect: { status: 400, rpcStatus: /invalid wire type 7/ } },
  { name: 'otlp protobuf: JSON text sent as protobuf', endpoint: 'otlp', contentType: PROTOBUF, raw: '{"resourceSpans":[]}', expect: { status: 400, rpcStatus: /invalid protobuf/ } },
  { name: 'otlp protobuf: invalid UTF-8 in a string field', endpoint: 'otlp', contentType: PROTOBUF, raw: wrapSpanBytes(field(9, field(1, Buffer.from([0xc3, 0x28])))), expect: { status: 400, rpcStatus: /not valid for encoding utf-8/ } },
  // Wrong wire types are skipped like unknown fields: a span whose trace_id is a varint has no trace id.
  { name: 'otlp protobuf: resource_spans sent as a varint', endpoint: 'otlp', contentType: PROTOBUF, raw: new Uint8Array([0x08, 0x96, 0x01]), expect: { status: 200, otlpProtobuf: { stored: 0 } } },
  {
    name: 'otlp protobuf: a GenAI span whose trace_id is a varint',
    endpoint: 'otlp',
    contentType: PROTOBUF,
    // The span without its trace_id, then field 1 (trace_id) with wire type 0.
    raw: (ctx) => wrapSpanBytes(Buffer.concat([Span.encode(Span.fromObject(pbSpan(ctx, 1, genAi(), { traceId: undefined }))).finish(), Buffer.from([0x08, 0x05])])),
    expect: { status: 200, otlpProtobuf: { stored: 0, rejected: /traceId \(16 bytes\) and spanId \(8 bytes\)/ } },
  },
  { name: 'otlp protobuf: 100k spans', endpoint: 'otlp', contentType: PROTOBUF, raw: () => field(1, field(2, Buffer.concat(Array.from({ length: 100_000 }, () => Buffer.from([0x12, 0x00]))))), expect: { status: 422, rpcStatus: /too many spans in one request \(max 10000\)/ } },
  { name: 'otlp protobuf: AnyValue nested 2000 deep', endpoint: 'otlp', contentType: PROTOBUF, raw: () => nestedAnyValue(2000), expect: { status: 400, rpcStatus: /max depth exceeded/ } },
  { name: 'otlp protobuf: gzip bomb (64 MB of zeros)', endpoint: 'otlp', contentType: PROTOBUF, contentEncoding: 'gzip', raw: () => gzipBomb(), expect: { status: 413, rpcStatus: /exceeds 4194304 bytes \(4 MB\) after gzip decompression/ } },
  { name: 'otlp protobuf: gzip header, body not gzip', endpoint: 'otlp', contentType: PROTOBUF, contentEncoding: 'gzip', raw: (ctx) => encode([pbSpan(ctx, 1, genAi())]), expect: { status: 400, rpcStatus: /Content-Encoding is gzip but the body is not valid gzip data/ } },
  { name: 'otlp protobuf: truncated gzip', endpoint: 'otlp', contentType: PROTOBUF, contentEncoding: 'gzip', raw: (ctx) => gzipSync(encode([pbSpan(ctx, 1, genAi())])).subarray(0, 30), expect: { status: 400, rpcStatus: /not valid gzip data/ } },
  { name: 'otlp protobuf: Content-Encoding br', endpoint: 'otlp', contentType: PROTOBUF, contentEncoding: 'br', raw: new Uint8Array(0), expect: { status: 415, rpcStatus: /unsupported Content-Encoding 'br'/ } },
  { name: 'otlp protobuf: no API key → google.rpc.Status', endpoint: 'otlp', as: 'none', contentType: PROTOBUF, raw: new Uint8Array(0), expect: { status: 401, rpcStatus: /missing API key/ } },
  { name: 'otlp protobuf: key without usage:write', endpoint: 'otlp', as: 'readOnly', contentType: PROTOBUF, raw: new Uint8Array(0), expect: { status: 403, rpcStatus: /usage:write/ } },
  // JSON with gzip, on both ingest endpoints.
  { name: 'otlp JSON, gzip: one GenAI span', endpoint: 'otlp', contentEncoding: 'gzip', raw: (ctx) => gzipSync(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [jsonSpan(ctx)] }] }] })), expect: { status: 200, otlp: { stored: 1 } } },
  { name: 'otlp JSON: gzip bomb', endpoint: 'otlp', contentEncoding: 'gzip', raw: () => gzipBomb(), expect: { status: 413, error: /after gzip decompression/ } },
  { name: 'usage, gzip: a good batch', endpoint: 'usage', contentEncoding: 'gzip', raw: (ctx) => gzipSync(JSON.stringify({ events: [{ id: `${ctx.p}-gz`, timestamp: ctx.ts, model: 'gpt-4o', input_tokens: 10, output_tokens: 5 }] })), expect: { status: 200, events: ['accepted'] } },
  { name: 'usage, gzip: gzip bomb', endpoint: 'usage', contentEncoding: 'gzip', raw: () => gzipBomb(), expect: { status: 413, error: /exceeds 4194304 bytes \(4 MB\) after gzip decompression/ } },
  { name: 'usage: gzip header, body plain JSON', endpoint: 'usage', contentEncoding: 'gzip', raw: '{"events":[]}', expect: { status: 400, error: /Content-Encoding is gzip but the body is not valid gzip data/ } },
  { name: 'usage: Content-Encoding deflate', endpoint: 'usage', contentEncoding: 'deflate', raw: '{"events":[]}', expect: { status: 415, error: /unsupported Content-Encoding 'deflate' \(supported: gzip, identity\)/ } },
]

function jsonSpan(ctx: CorpusContext) {
  const s = pbSpan(ctx, 1, genAi())
  return { ...s, traceId: s.traceId.toString('hex'), spanId: s.spanId.toString('hex') }
}

/** A span attribute whose AnyValue nests kvlist_value `depth` times. */
function nestedAnyValue(depth: number): Buffer {
  let any: Buffer = Buffer.alloc(0)
  for (let i = 0; i < depth; i++) any = field(6, field(1, Buffer.concat([field(1, Buffer.from('k')), field(2, any)])))
  return wrapSpanBytes(field(9, Buffer.concat([field(1, Buffer.from('x')), field(2, any)])))
}

/** Checks a protobuf answer: the OTLP response (and what it says was rejected) or a google.rpc.Status. */
export function checkProtobufAnswer(expect: { otlpProtobuf: { stored: number; rejected?: RegExp } } | { rpcStatus: RegExp }, contentType: string | null, body: Uint8Array): string[] {
  if (!/application\/x-protobuf/.test(contentType ?? '')) return [`content-type ${contentType}, expected application/x-protobuf: ${Buffer.from(body).toString('utf8').slice(0, 200)}`]
  try {
    if ('rpcStatus' in expect) {
      const status = RpcStatus.toObject(RpcStatus.decode(body)) as { code?: number; message?: string }
      if (!status.code) return [`google.rpc.Status without a code: ${JSON.stringify(status)}`]
      return expect.rpcStatus.test(status.message ?? '') ? [] : [`Status message ${JSON.stringify(status.message)} does not match ${expect.rpcStatus}`]
    }
    const res = ExportTraceServiceResponse.toObject(ExportTraceServiceResponse.decode(body), { longs: Number }) as { partialSuccess?: { rejectedSpans?: number; errorMessage?: string } }
    const partial = res.partialSuccess
    if (!expect.otlpProtobuf.rejected) return partial ? [`unexpected partial_success: ${JSON.stringify(partial)}`] : []
    if (!partial?.rejectedSpans) return ['expected partial_success with rejected_spans']
    return expect.otlpProtobuf.rejected.test(partial.errorMessage ?? '') ? [] : [`error_message ${JSON.stringify(partial.errorMessage)} does not match ${expect.otlpProtobuf.rejected}`]
  } catch (err) {
    return [`the answer is not the expected protobuf message: ${(err as Error).message}`]
  }
}
