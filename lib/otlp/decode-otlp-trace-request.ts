import { AppError } from '@/lib/errors'
import { ExportTraceServiceRequest } from './otlp-messages'

/**
 * A protobuf ExportTraceServiceRequest as the object OTLP/JSON would have parsed to, so both encodings
 * take one path (parseOtlpTraces): camelCase fields, int64 as decimal strings, fields left at their
 * default omitted. trace_id / span_id stay bytes (Uint8Array); parseOtlpTraces makes them hex.
 */
export function decodeOtlpTraceRequest(body: Uint8Array): unknown {
  try {
    const message = ExportTraceServiceRequest.decode(body)
    return ExportTraceServiceRequest.toObject(message, { longs: String, defaults: false, arrays: false })
  } catch (err) {
    // protobufjs says what stopped it ("index out of range", "invalid wire type 7 at offset 3", "illegal
    // tag"); a message nested past the stack is a RangeError too. Fields sent with the wrong wire type
    // are skipped, as protobuf parsers skip unknown fields.
    throw new AppError('bad_request', `invalid protobuf ExportTraceServiceRequest: ${(err as Error).message.slice(0, 200)}`)
  }
}
