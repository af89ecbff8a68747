import { pool } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { adviseRoute } from '@/lib/advisor/advise-route'
import { authenticateAnyScope } from '@/lib/http/authenticate-any-scope'
import { apiHandler, jsonResponse } from '@/lib/http/api-handler'
import { readJsonBody } from '@/lib/http/read-json-body'
import { getTeamPolicyContext } from '@/lib/policy/team-policy-cache'

export const dynamic = 'force-dynamic'

const MAX_BODY_BYTES = 16 * 1024

// "Which model should this call use?" — asked before every call, so a warm request touches no database:
// the key, the team's policy and the price table all come from in-process caches.
export const POST = apiHandler(async (req: Request) => {
  const key = await authenticateAnyScope(req, ['usage:write', 'spend:read'])
  if (key.teamId === null) throw new AppError('forbidden', "route advice follows a team's policy: use a team API key")
  const body = await readJsonBody(req, MAX_BODY_BYTES)
  const ctx = await getTeamPolicyContext(pool, key.teamId)
  return jsonResponse(adviseRoute(body, ctx, new Date()))
})
