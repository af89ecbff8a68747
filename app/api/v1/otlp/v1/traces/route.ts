import { pool } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { apiHandler } from '@/lib/http/api-handler'
import { authenticateApiKey } from '@/lib/http/authenticate-api-key'
import { readBodyBytes } from '@/lib/http/read-body-bytes'
import { parseJsonBytes } from '@/lib/http/read-json-body'
import { ingestOtlpTraces } from '@/lib/ingest/ingest-otlp-traces'
import { MAX_BODY_BYTES } from '@/lib/ingest/usage-event-schema'
import { decodeOtlpTraceRequest } from '@/lib/otlp/decode-otlp-trace-request'
import { otlpEncodingOf, otlpExportResponse, otlpProtobufErrorResponse } from '@/lib/otlp/otlp-responses'
import { adviseForTeam } from '@/lib/policy/advise-for-team'

export const dynamic = 'force-dynamic'

// OTLP/HTTP, JSON or protobuf, gzip or not. Answers in the request's encoding: the empty response when
// every GenAI span was stored, else partial_success; errors to protobuf clients are a google.rpc.Status.
export const POST = apiHandler(
  async (req: Request) => {
    const key = await authenticateApiKey(req, 'usage:write')
    if (key.teamId === null) throw new AppError('forbidden', 'an org-wide key cannot post usage; use a team API key')
    const encoding = otlpEncodingOf(req)
    if (encoding === null)
      throw new AppError('unsupported_media_type', `Content-Type must be application/x-protobuf or application/json (got '${(req.headers.get('content-type') ?? 'none').slice(0, 100)}')`)
    const bytes = await readBodyBytes(req, MAX_BODY_BYTES)
    const body = encoding === 'protobuf' ? decodeOtlpTraceRequest(bytes) : parseJsonBytes(bytes)
    const { rejectedSpans, errorMessage } = await ingestOtlpTraces(pool, key.teamId, body, { advise: await adviseForTeam(pool, key.teamId) })
    return otlpExportResponse(encoding, rejectedSpans, errorMessage)
  },
  { renderError: (req, err) => (otlpEncodingOf(req) === 'protobuf' ? otlpProtobufErrorResponse(err) : null) },
)
