import { pool } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { adviceQuerySchema, resolveAdviceRange } from '@/lib/advisor/advice-query-schema'
import { apiKeyReadAccess } from '@/lib/http/api-key-read-access'
import { queryAdvice } from '@/lib/advisor/query-advice'
import { apiHandler, jsonResponse } from '@/lib/http/api-handler'
import { describeZodError } from '@/lib/ingest/usage-event-schema'

export const dynamic = 'force-dynamic'

// spend:read → the key's own team; spend:read:all (an org-wide key) → every team.
export const GET = apiHandler(async (req: Request) => {
  const access = await apiKeyReadAccess(req)
  const params = Object.fromEntries(new URL(req.url).searchParams)
  const parsed = adviceQuerySchema.safeParse(params)
  if (!parsed.success) throw new AppError('invalid', `invalid query: ${describeZodError(parsed.error)}`)
  const range = resolveAdviceRange(parsed.data, new Date())
  if ('error' in range) throw new AppError('invalid', range.error)
  return jsonResponse(await queryAdvice(pool, { teamIds: access.kind === 'all' ? 'all' : [access.teamId], range }))
})
