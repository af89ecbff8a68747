import { pool } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { apiHandler, jsonResponse } from '@/lib/http/api-handler'
import { authenticateApiKey } from '@/lib/http/authenticate-api-key'
import { readJsonBody } from '@/lib/http/read-json-body'
import { usageSourceOf } from '@/lib/ingest/ingest-source'
import { ingestUsageEnvelope } from '@/lib/ingest/ingest-usage-batch'
import { MAX_BODY_BYTES } from '@/lib/ingest/usage-event-schema'
import { adviseForTeam } from '@/lib/policy/advise-for-team'

export const dynamic = 'force-dynamic'

export const POST = apiHandler(async (req: Request) => {
  const key = await authenticateApiKey(req, 'usage:write')
  if (key.teamId === null) throw new AppError('forbidden', 'an org-wide key cannot post usage; use a team API key')
  const body = await readJsonBody(req, MAX_BODY_BYTES)
  const { accepted, duplicates, rejected, results } = await ingestUsageEnvelope(pool, key.teamId, body, {
    source: usageSourceOf(req.headers.get('user-agent')),
    advise: await adviseForTeam(pool, key.teamId),
  })
  return jsonResponse({ accepted, duplicates, rejected, results }, rejected > 0 ? 207 : 200)
})
