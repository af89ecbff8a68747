import { pool } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { apiHandler, jsonResponse } from '@/lib/http/api-handler'
import { authenticateApiKey } from '@/lib/http/authenticate-api-key'
import { readJsonBody } from '@/lib/http/read-json-body'
import { ingestOtlpTraces } from '@/lib/ingest/ingest-otlp-traces'
import { MAX_BODY_BYTES } from '@/lib/ingest/usage-event-schema'
import { adviseForTeam } from '@/lib/policy/advise-for-team'

export const dynamic = 'force-dynamic'

// OTLP/HTTP JSON. Answers the OTLP way: {} when every GenAI span was stored, else partialSuccess.
export const POST = apiHandler(async (req: Request) => {
  const key = await authenticateApiKey(req, 'usage:write')
  if (key.teamId === null) throw new AppError('forbidden', 'an org-wide key cannot post usage; use a team API key')
  if (/protobuf/i.test(req.headers.get('content-type') ?? ''))
    throw new AppError('unsupported_media_type', 'only OTLP/HTTP JSON is supported: configure the exporter with JSON encoding (Content-Type: application/json)')
  const body = await readJsonBody(req, MAX_BODY_BYTES)
  const { rejectedSpans, errorMessage } = await ingestOtlpTraces(pool, key.teamId, body, { advise: await adviseForTeam(pool, key.teamId) })
  return jsonResponse(rejectedSpans > 0 ? { partialSuccess: { rejectedSpans, errorMessage } } : {})
})
