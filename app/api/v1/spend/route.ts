import { auth } from '@/auth'
import { readerAccess, sessionUserFrom } from '@/lib/auth/session-user'
import { pool } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { apiHandler, jsonResponse } from '@/lib/http/api-handler'
import { apiKeyReadAccess } from '@/lib/http/api-key-read-access'
import { parseSpendParams } from '@/lib/reports/parse-spend-params'
import { querySpend } from '@/lib/reports/query-spend'
import { resolveSpendTeams, type SpendAccess } from '@/lib/reports/resolve-spend-teams'

export const dynamic = 'force-dynamic'

// A team key (spend:read) reads its own team, an org-wide key (spend:read:all) every team; a signed-in
// user: admin and finance every team, team leads and engineers their own.
async function sessionAccess(): Promise<SpendAccess> {
  const user = sessionUserFrom(await auth())
  if (!user) throw new AppError('unauthorized', 'missing credentials: send Authorization: Bearer <API key> or sign in')
  return readerAccess(user, 'spend')
}

export const GET = apiHandler(async (req: Request) => {
  const access = req.headers.has('authorization') ? await apiKeyReadAccess(req) : await sessionAccess()
  const params = parseSpendParams(new URL(req.url).searchParams, new Date())
  const teamIds = await resolveSpendTeams(pool, access, params.teamSlugs)
  const report = await querySpend(pool, {
    from: params.from,
    to: params.to,
    groupBy: params.groupBy,
    teamIds,
    modelKeys: params.modelKeys,
    routes: params.routes,
  })
  return jsonResponse(report, 200, { 'cache-control': 'private, no-store' })
})
