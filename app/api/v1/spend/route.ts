import { auth } from '@/auth'
import { teamScope, sessionUserFrom } from '@/lib/auth/session-user'
import { hasScope } from '@/lib/auth/verify-api-key'
import { pool } from '@/lib/db'
import { AppError, isAppError } from '@/lib/errors'
import { apiHandler, jsonResponse } from '@/lib/http/api-handler'
import { authenticateApiKey } from '@/lib/http/authenticate-api-key'
import { parseSpendParams } from '@/lib/reports/parse-spend-params'
import { querySpend } from '@/lib/reports/query-spend'
import { resolveSpendTeams, type SpendAccess } from '@/lib/reports/resolve-spend-teams'

export const dynamic = 'force-dynamic'

// A team key (spend:read) reads its own team; an org-wide key (spend:read:all) reads every team.
// authenticateApiKey checks one scope, so an org key is tried a second time for the wider one.
async function apiKeyAccess(req: Request): Promise<SpendAccess> {
  const key = await authenticateApiKey(req, 'spend:read').catch(async (err: unknown) => {
    if (!isAppError(err) || err.code !== 'forbidden') throw err
    return authenticateApiKey(req, 'spend:read:all').catch((inner: unknown) => {
      if (isAppError(inner) && inner.code === 'forbidden') throw new AppError('forbidden', 'this API key lacks the scope spend:read (or spend:read:all)')
      throw inner
    })
  })
  if (hasScope(key, 'spend:read:all')) return { kind: 'all' }
  if (key.teamId === null) throw new AppError('forbidden', 'this org-wide API key lacks the scope spend:read:all')
  return { kind: 'team', teamId: key.teamId }
}

// The signed-in dashboard user: admin and finance read all teams, team leads and engineers their own.
async function sessionAccess(): Promise<SpendAccess> {
  const user = sessionUserFrom(await auth())
  if (!user) throw new AppError('unauthorized', 'missing credentials: send Authorization: Bearer <API key> or sign in')
  const scope = teamScope(user, 'spend')
  if (scope.kind === 'none') throw new AppError('forbidden', `your role (${user.role}) has no team whose spend you may read`)
  return scope
}

export const GET = apiHandler(async (req: Request) => {
  const access = req.headers.has('authorization') ? await apiKeyAccess(req) : await sessionAccess()
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
