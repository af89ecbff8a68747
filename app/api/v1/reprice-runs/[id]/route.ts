import { auth } from '@/auth'
import { assertPermission, sessionUserOrThrow } from '@/lib/auth/session-user'
import { prisma } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { apiHandler, jsonResponse } from '@/lib/http/api-handler'
import { toRepriceRunView } from '@/lib/pricing/reprice/reprice-run-view'

export const dynamic = 'force-dynamic'

// GET /api/v1/reprice-runs/:id — a re-price run's status and progress (done / total), for the
// dashboard's progress bar. Session only: people with prices:reprice (finance, admin).
export const GET = apiHandler(async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  assertPermission(sessionUserOrThrow(await auth()), 'prices:reprice')
  const { id } = await params
  const runId = Number(id)
  if (!Number.isInteger(runId) || runId <= 0) throw new AppError('invalid', 'run id must be a positive integer')
  // Ids are int4: a larger one names no run (and Prisma would refuse it with an error, not an answer).
  if (runId > 2_147_483_647) throw new AppError('not_found', `unknown re-price run ${id}`)
  const run = await prisma.repriceRun.findUnique({ where: { id: runId } })
  if (!run) throw new AppError('not_found', `unknown re-price run ${runId}`)
  return jsonResponse(toRepriceRunView(run), 200, { 'cache-control': 'no-store' })
})
