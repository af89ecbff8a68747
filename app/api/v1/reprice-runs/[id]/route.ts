import { auth } from '@/auth'
import { assertPermission, sessionUserOrThrow } from '@/lib/auth/session-user'
import { prisma } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { apiHandler, jsonResponse } from '@/lib/http/api-handler'
import { toRepriceRunView } from '@/lib/pricing/reprice/reprice-run-view'
import { findRepriceRun } from '@/lib/pricing/reprice/find-reprice-runs'

export const dynamic = 'force-dynamic'

// GET /api/v1/reprice-runs/:id — a re-price run's status and progress (done / total), for the
// dashboard's progress bar. Session only: people with prices:reprice (finance, admin).
export const GET = apiHandler(async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  assertPermission(sessionUserOrThrow(await auth()), 'prices:reprice')
  const { id } = await params
  const runId = Number(id)
  if (!Number.isInteger(runId) || runId <= 0) throw new AppError('invalid', 'run id must be a positive integer')
  const run = await findRepriceRun(prisma, runId)
  if (!run) throw new AppError('not_found', `unknown re-price run ${id}`)
  return jsonResponse(toRepriceRunView(run), 200, { 'cache-control': 'no-store' })
})
