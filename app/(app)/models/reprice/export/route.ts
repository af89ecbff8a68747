import { auth } from '@/auth'
import { assertPermission, sessionUserOrThrow } from '@/lib/auth/session-user'
import { csvResponse } from '@/lib/csv/to-csv'
import { prisma } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { apiHandler } from '@/lib/http/api-handler'
import type { RepricePlanJson } from '@/lib/pricing/reprice/plan-reprice'
import { findRepriceRun } from '@/lib/pricing/reprice/find-reprice-runs'

export const dynamic = 'force-dynamic'

// GET /models/reprice/export?run=ID — a stored dry run, per team and month, as CSV.
export const GET = apiHandler(async (req: Request) => {
  assertPermission(sessionUserOrThrow(await auth()), 'prices:reprice')
  const id = Number(new URL(req.url).searchParams.get('run'))
  if (!Number.isInteger(id) || id <= 0) throw new AppError('invalid', 'run must be a re-price run id')
  const run = await findRepriceRun(prisma, id)
  if (!run || !run.dryRun || !run.result) throw new AppError('not_found', `no stored dry run #${id}`)
  const plan = run.result as unknown as RepricePlanJson
  return csvResponse(
    `modelledger-reprice-dry-run-${id}.csv`,
    ['run', 'from', 'to', 'model_id', 'team', 'month', 'closed', 'events', 'changed', 'old_cost_usd', 'new_cost_usd', 'delta_usd', 'unpriced_before', 'unpriced_after'],
    plan.rows.map((r) => [id, plan.from, plan.to, plan.modelId, r.teamSlug, r.month, r.closed, r.events, r.changed, r.oldCost, r.newCost, r.delta, r.unpricedBefore, r.unpricedAfter]),
  )
})
