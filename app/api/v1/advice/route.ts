import { pool } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { adviceQuerySchema, resolveAdviceRange } from '@/lib/advisor/advice-query-schema'
import { authenticateAnyScope } from '@/lib/http/authenticate-any-scope'
import { queryAdvice } from '@/lib/advisor/query-advice'
import { hasScope } from '@/lib/auth/verify-api-key'
import { apiHandler, jsonResponse } from '@/lib/http/api-handler'
import { describeZodError } from '@/lib/ingest/usage-event-schema'

export const dynamic = 'force-dynamic'

// spend:read → the key's own team; spend:read:all (an org-wide key) → every team.
export const GET = apiHandler(async (req: Request) => {
  const key = await authenticateAnyScope(req, ['spend:read:all', 'spend:read'])
  const params = Object.fromEntries(new URL(req.url).searchParams)
  const parsed = adviceQuerySchema.safeParse(params)
  if (!parsed.success) throw new AppError('invalid', `invalid query: ${describeZodError(parsed.error)}`)
  const range = resolveAdviceRange(parsed.data, new Date())
  if ('error' in range) throw new AppError('invalid', range.error)
  let teamIds: number[] | 'all'
  if (hasScope(key, 'spend:read:all')) teamIds = 'all'
  else if (key.teamId !== null) teamIds = [key.teamId]
  else throw new AppError('forbidden', 'this API key is not bound to a team')
  return jsonResponse(await queryAdvice(pool, { teamIds, range }))
})
