import { AppError } from '@/lib/errors'
import { ExportTraceServiceRequest } from './otlp-messages'

/**
 * A protobuf ExportTraceServiceRequest as the object OTLP/JSON would have parsed to, so both encodings
 * take one path (parseOtlpTraces): camelCase fields, int64 as decimal strings, fields left at their
 * default omitted. trace_id / span_id stay bytes (Uint8Array); parseOtlpTraces makes them hex.
 */
export function decodeOtlpTraceRequest(body: Uint8Array): unknown {
  let message
  try {
    message = ExportTraceServiceRequest.decode(body)
  } catch (err) {
    // protobufjs says where it stopped ("index out of range: 10 + 200 > 64", "invalid wire type 7 at offset 3").
    throw new AppError('bad_request', `invalid protobuf ExportTraceServiceRequest: ${(err as Error).message.slice(0, 200)}`)
  }
  return ExportTraceServiceRequest.toObject(message, { longs: String, defaults: false, arrays: false })
}
