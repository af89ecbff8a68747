import type { PrismaClient, RepriceRun } from '@prisma/client'
import type pg from 'pg'
import { runAudited } from '@/lib/audit/run-audited'
import type { AuditActor } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import { queueNames, tryEnqueue, type RepricePayload } from '@/lib/queues'
import { assertRepriceWindow, planReprice, repriceFilter, serializeRepricePlan, type RepricePlan } from './plan-reprice'

export type StartRepriceInput = {
  from: Date
  to: Date
  modelId?: number | null
  dryRun: boolean
  actor: AuditActor
  /** false: the caller runs runRepriceChunked itself (CLI --wait); default true. */
  enqueue?: boolean
}

export type StartRepriceResult = { run: RepriceRun; plan: RepricePlan | null; enqueued: boolean }

/** BullMQ ids may not contain ':'; one id per run makes a duplicate enqueue a no-op. */
export function repriceJobId(runId: number): string {
  return `reprice-${runId}`
}

async function enqueueReprice(runId: number, timeoutMs = 1000): Promise<boolean> {
  return tryEnqueue(queueNames.reprice, 'run', { runId } satisfies RepricePayload, repriceJobId(runId), timeoutMs)
}

/**
 * Records a re-price run (and who asked for it). A dry run is computed here and stored as the run's
 * result; an apply is left pending for the `reprice` worker (or the caller) to process in chunks. The run
 * row, not the job, is the durable record: a lost enqueue leaves a pending run that can be resumed.
 */
export async function startReprice(db: PrismaClient, input: StartRepriceInput, pool: pg.Pool): Promise<StartRepriceResult> {
  const window = { from: input.from, to: input.to, modelId: input.modelId ?? null }
  assertRepriceWindow(window)
  if (window.modelId !== null && !(await db.model.findUnique({ where: { id: window.modelId }, select: { id: true } }))) {
    throw new AppError('not_found', `unknown model id ${window.modelId}`, { field: 'modelId' })
  }
  const plan = input.dryRun ? await planReprice(pool, window) : null
  let total = plan?.events
  if (total === undefined) {
    const { where, params } = repriceFilter(window)
    const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM usage_events e WHERE ${where}`, params)
    total = Number(rows[0]?.n ?? 0)
  }
  const events = total
  const run = await runAudited(db, input.actor, async (tx) => {
    const created = await tx.repriceRun.create({
      data: {
        fromTs: window.from,
        toTs: window.to,
        modelId: window.modelId,
        dryRun: input.dryRun,
        total: events,
        ...(plan ? { status: 'done', done: events, result: serializeRepricePlan(plan), finishedAt: new Date() } : { status: 'pending' }),
        createdById: input.actor.id ?? null,
      },
    })
    return {
      result: created,
      audit: {
        action: input.dryRun ? 'reprice.plan' : 'reprice.start',
        entityType: 'reprice_run',
        entityId: created.id,
        after: { from: window.from.toISOString(), to: window.to.toISOString(), modelId: window.modelId, dryRun: input.dryRun, events },
      },
    }
  })
  const enqueued = !input.dryRun && input.enqueue !== false ? await enqueueReprice(run.id) : false
  return { run, plan, enqueued }
}
