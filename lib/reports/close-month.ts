import { Prisma, type PrismaClient } from '@prisma/client'
import { recordAuditBy } from '@/lib/audit/record-audit'
import type { AuditActor } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import { computeMonthStatements, monthOf, parseMonth, type SqlRunner } from './month-statement'

export type CloseMonthInput = {
  month: string
  actor: AuditActor
  /** Only these teams; default every team whose month is not closed yet. */
  teamIds?: readonly number[]
  now?: Date
}

export type CloseMonthResult = {
  month: string
  closed: { teamId: number; teamSlug: string; totalCost: string; calls: number; unpricedCalls: number }[]
}

/**
 * Freezes each team's statement for a finished month (from rollups_daily) so finance's numbers stop
 * moving: later re-pricing or late events show up as an adjustment beside it, never in it. All teams
 * close in one transaction, reading one snapshot of the rollups.
 */
export async function closeMonth(db: PrismaClient, input: CloseMonthInput): Promise<CloseMonthResult> {
  const { from, to } = parseMonth(input.month)
  const current = monthOf(input.now ?? new Date())
  if (input.month >= current) throw new AppError('invalid', `${input.month} cannot be closed yet: only months before the current one (${current}) can be closed.`)
  const teamIds = input.teamIds ? [...input.teamIds] : null
  try {
    return await db.$transaction(
      async (tx) => {
        const run: SqlRunner = (text, params) => tx.$queryRawUnsafe(text, ...params)
        // Rollups lag ingest by a job: closing over a batch not yet applied would freeze a short total.
        const pending = await run(
          `SELECT count(*)::int AS n FROM ingest_batches b
            WHERE b.rolled_up_at IS NULL AND ($3::int[] IS NULL OR b.team_id = ANY($3::int[]))
              AND EXISTS (SELECT 1 FROM usage_events e WHERE e.batch_id = b.id AND e.ts >= ($1::date::timestamp AT TIME ZONE 'UTC') AND e.ts < ($2::date::timestamp AT TIME ZONE 'UTC'))`,
          [from, to, teamIds],
        )
        const pendingCount = Number(pending[0]?.n ?? 0)
        if (pendingCount > 0) {
          const batches = pendingCount === 1 ? '1 batch of calls' : `${pendingCount} batches of calls`
          throw new AppError('conflict', `${input.month} cannot be closed yet: ${batches} from it ${pendingCount === 1 ? 'is' : 'are'} still being added to the totals. Try again in a minute.`)
        }
        const teams = await tx.team.findMany({
          where: teamIds ? { id: { in: teamIds } } : {},
          select: { id: true, slug: true, monthCloses: { where: { month: input.month }, select: { id: true } } },
          orderBy: { slug: 'asc' },
        })
        if (teamIds && teams.length !== new Set(teamIds).size) throw new AppError('not_found', 'unknown team id')
        const already = teams.filter((t) => t.monthCloses.length > 0)
        if (teamIds ? already.length > 0 : already.length === teams.length) {
          const who = teamIds ? ` for ${already.map((t) => t.slug).join(', ')}` : ''
          throw new AppError('conflict', `${input.month} is already closed${who}.`)
        }
        const open = teams.filter((t) => t.monthCloses.length === 0).map((t) => t.id)
        const statements = await computeMonthStatements(run, input.month, open)
        const closed: CloseMonthResult['closed'] = []
        for (const s of statements) {
          const row = await tx.monthClose.create({
            data: {
              teamId: s.team.id,
              month: input.month,
              statement: s as unknown as Prisma.InputJsonObject,
              totalCost: s.totals.cost,
              unpricedCalls: BigInt(s.totals.unpricedCalls),
              closedById: input.actor.id ?? null,
            },
          })
          await recordAuditBy(tx, input.actor, {
            action: 'month.close',
            entityType: 'month_close',
            entityId: row.id,
            teamId: s.team.id,
            after: { month: input.month, totalCost: s.totals.cost, calls: s.totals.calls, unpricedCalls: s.totals.unpricedCalls, budget: s.budget },
          })
          closed.push({ teamId: s.team.id, teamSlug: s.team.slug, totalCost: s.totals.cost, calls: s.totals.calls, unpricedCalls: s.totals.unpricedCalls })
        }
        return { month: input.month, closed }
      },
      { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 60_000, maxWait: 10_000 },
    )
  } catch (err) {
    // Two closes racing: the unique (team, month) key lets one win.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      throw new AppError('conflict', `${input.month} is already closed.`, { cause: err })
    }
    throw err
  }
}
