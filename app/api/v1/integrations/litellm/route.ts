import { pool } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { apiHandler, jsonResponse } from '@/lib/http/api-handler'
import { authenticateAnyScope } from '@/lib/http/authenticate-any-scope'
import { readBodyBytes } from '@/lib/http/read-body-bytes'
import { hasScope } from '@/lib/auth/verify-api-key'
import { ingestLiteLlmCallback } from '@/lib/ingest/ingest-litellm-callback'
import { parseLiteLlmBody } from '@/lib/ingest/parse-litellm-body'

export const dynamic = 'force-dynamic'

// StandardLoggingPayloads carry the prompts and responses unless LiteLLM is told not to log them, so a
// batch is allowed more room than a usage batch.
const MAX_LITELLM_BODY_BYTES = 16 * 1024 * 1024

// LiteLLM's generic_api callback (log_format json_array, ndjson or single). A team key writes its own
// team; an org-wide key with usage:write:all writes the team each payload's metadata names.
export const POST = apiHandler(async (req: Request) => {
  const key = await authenticateAnyScope(req, ['usage:write', 'usage:write:all'])
  const type = (req.headers.get('content-type') ?? '').trim()
  if (!/^application\/(json|x-ndjson|jsonl|ndjson)\b/i.test(type))
    throw new AppError('unsupported_media_type', `Content-Type must be application/json or application/x-ndjson (got ${type ? `'${type.slice(0, 100)}'` : 'none'})`)
  const payloads = parseLiteLlmBody(await readBodyBytes(req, MAX_LITELLM_BODY_BYTES))
  const writer = key.teamId !== null ? { kind: 'team' as const, teamId: key.teamId } : hasScope(key, 'usage:write:all') ? { kind: 'org' as const } : null
  if (!writer) throw new AppError('forbidden', 'an org-wide key needs the scope usage:write:all to post LiteLLM usage')
  const { accepted, duplicates, rejected, results } = await ingestLiteLlmCallback(pool, writer, payloads)
  return jsonResponse({ accepted, duplicates, rejected, results }, rejected > 0 ? 207 : 200)
})
