import { describe, expect, it } from 'vitest'
import { buildOtlpDescriptor } from './build-otlp-descriptor'
import descriptor from './otlp-descriptor.json'
import { decodeOtlpTraceRequest } from './decode-otlp-trace-request'
import { ExportTraceServiceRequest, ExportTraceServiceResponse, RpcStatus } from './otlp-messages'
import { otlpExportResponse, otlpProtobufErrorResponse } from './otlp-responses'
import { AppError } from '@/lib/errors'

describe('the OTLP protobuf descriptor', () => {
  it('is the committed .proto files, regenerated (npx tsx scripts/generate-otlp-descriptor.ts after updating them)', () => {
    expect(JSON.parse(JSON.stringify(buildOtlpDescriptor()))).toEqual(descriptor)
  })
})

describe('decodeOtlpTraceRequest', () => {
  it('gives the OTLP/JSON shape: int64 as decimal strings, ids as bytes, unset fields absent', () => {
    const traceId = Buffer.from('0af7651916cd43dd8448eb211c80319c', 'hex')
    const bytes = ExportTraceServiceRequest.encode(
      ExportTraceServiceRequest.fromObject({
        resourceSpans: [{ scopeSpans: [{ spans: [{ traceId, spanId: Buffer.from('b7ad6b7169203331', 'hex'), endTimeUnixNano: '1765094401350123456', attributes: [{ key: 'gen_ai.usage.input_tokens', value: { intValue: '9007199254740993' } }] }] }] }],
      }),
    ).finish()
    const out = decodeOtlpTraceRequest(bytes) as { resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[] }
    const span = out.resourceSpans[0]!.scopeSpans[0]!.spans[0]!
    expect(Buffer.from(span.traceId as Uint8Array).toString('hex')).toBe('0af7651916cd43dd8448eb211c80319c')
    expect(span.endTimeUnixNano).toBe('1765094401350123456')
    expect(span.attributes).toEqual([{ key: 'gen_ai.usage.input_tokens', value: { intValue: '9007199254740993' } }])
    expect(span).not.toHaveProperty('name')
  })

  it.each([
    ['truncated', Buffer.from([0x0a, 0x05, 0x12]), /index out of range/],
    ['field number 0', Buffer.from([0x00]), /illegal tag/],
    ['wire type 7', Buffer.from([0x0f]), /invalid wire type 7/],
  ])('%s → 400 saying what stopped the decoder', (_name, bytes, message) => {
    expect(() => decodeOtlpTraceRequest(bytes)).toThrow(message)
    try {
      decodeOtlpTraceRequest(bytes)
    } catch (e) {
      expect((e as AppError).status).toBe(400)
    }
  })
})

describe('OTLP answers in the request encoding', () => {
  it('protobuf: partial_success only when spans were rejected', async () => {
    const ok = await otlpExportResponse('protobuf', 0, '').arrayBuffer()
    expect(ok.byteLength).toBe(0)
    const partial = otlpExportResponse('protobuf', 2, 'spans[0]: no model')
    expect(partial.headers.get('content-type')).toBe('application/x-protobuf')
    expect(ExportTraceServiceResponse.toObject(ExportTraceServiceResponse.decode(new Uint8Array(await partial.arrayBuffer())), { longs: Number })).toEqual({ partialSuccess: { rejectedSpans: 2, errorMessage: 'spans[0]: no model' } })
  })
  it('JSON: {} or partialSuccess', async () => {
    expect(await otlpExportResponse('json', 0, '').json()).toEqual({})
    expect(await otlpExportResponse('json', 1, 'x').json()).toEqual({ partialSuccess: { rejectedSpans: 1, errorMessage: 'x' } })
  })
  it('an error to a protobuf client is a google.rpc.Status with the same HTTP status and Retry-After', async () => {
    const res = otlpProtobufErrorResponse(new AppError('unavailable', 'database down', { retryAfterSeconds: 5 }))
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('5')
    expect(RpcStatus.toObject(RpcStatus.decode(new Uint8Array(await res.arrayBuffer())))).toEqual({ code: 14, message: 'database down' })
  })
})
