import type { AppError } from '@/lib/errors'
import { ExportTraceServiceResponse, RpcStatus } from './otlp-messages'

export type OtlpEncoding = 'json' | 'protobuf'

const PROTOBUF = 'application/x-protobuf'

/** The request's OTLP encoding from its Content-Type, or null when it is neither. */
export function otlpEncodingOf(req: Request): OtlpEncoding | null {
  const type = (req.headers.get('content-type') ?? '').trim().toLowerCase()
  if (/^application\/(x-)?protobuf\b/.test(type)) return 'protobuf'
  if (/^application\/json\b/.test(type)) return 'json'
  return null
}

/**
 * ExportTraceServiceResponse in the request's encoding (OTLP/HTTP spec): partial_success only when
 * spans were rejected, else the empty message.
 */
export function otlpExportResponse(encoding: OtlpEncoding, rejectedSpans: number, errorMessage: string): Response {
  const body = rejectedSpans > 0 ? { partialSuccess: { rejectedSpans, errorMessage } } : {}
  if (encoding === 'json') return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
  const bytes = ExportTraceServiceResponse.encode(ExportTraceServiceResponse.fromObject(body)).finish()
  return new Response(bytes as Uint8Array<ArrayBuffer>, { status: 200, headers: { 'content-type': PROTOBUF } })
}

// google.rpc.Code for each HTTP status ModelLedger answers with.
const rpcCodeByStatus: Record<number, number> = {
  400: 3, // INVALID_ARGUMENT
  401: 16, // UNAUTHENTICATED
  403: 7, // PERMISSION_DENIED
  404: 5, // NOT_FOUND
  409: 6, // ALREADY_EXISTS
  413: 3, // INVALID_ARGUMENT: not retryable, as the spec wants for a body that will never fit
  415: 3,
  422: 3,
  429: 8, // RESOURCE_EXHAUSTED
  503: 14, // UNAVAILABLE
}

/** The OTLP/HTTP error body for a protobuf client: a protobuf google.rpc.Status, same HTTP status. */
export function otlpProtobufErrorResponse(err: AppError): Response {
  const bytes = RpcStatus.encode(RpcStatus.fromObject({ code: rpcCodeByStatus[err.status] ?? 13 /* INTERNAL */, message: err.message })).finish()
  const headers: Record<string, string> = { 'content-type': PROTOBUF }
  if (err.retryAfterSeconds !== undefined) headers['retry-after'] = String(err.retryAfterSeconds)
  return new Response(bytes as Uint8Array<ArrayBuffer>, { status: err.status, headers })
}
