import { afterAll, describe, expect, it } from 'vitest'
import { pool, prisma } from '@/lib/db'
import { ingestEvents } from '@/lib/ingest/ingest-usage-batch'
import { closeProducerQueues } from '@/lib/queues'
import { addPriceVersion } from '@/lib/pricing/add-price-version'
import { Decimal } from '@/lib/pricing/decimal'
import { runRepriceChunked } from '@/lib/pricing/reprice/run-reprice-chunked'
import { startReprice } from '@/lib/pricing/reprice/start-reprice'
import { closeMonth } from '@/lib/reports/close-month'
import { getMonthStatement } from '@/lib/reports/month-statement'
import { applyBatchRollup } from '@/lib/rollups/apply-batch-rollup'
import { createTestModel, createTestTeam, expectAppError, randomSlug } from './fixtures'

const actor = { name: 'test' }
const day = (d: string) => new Date(`${d}T00:00:00Z`)

// A team with January 2025 spend on a priced model, a few unpriced calls, and a 50 USD budget.
async function setup() {
  const model = await createTestModel('mc')
  await addPriceVersion(prisma, { modelId: model.id, effectiveFrom: day('2024-12-01'), input: '2', output: '8', source: 'manual', actor })
  const { team } = await createTestTeam()
  await prisma.teamPolicy.create({ data: { teamId: team.id, version: 1, monthlyBudget: '50.00' } })
  const unknown = randomSlug('nomodel')
  const events = Array.from({ length: 30 }, (_, i) => ({
    id: `m${i}`,
    timestamp: new Date(Date.UTC(2025, 0, 1 + i, 12)).toISOString(),
    model: i % 10 === 5 ? unknown : model.slug,
    input_tokens: 10_000 + i,
    output_tokens: 2_000 + i,
  }))
  // The last day of December and the first of February stay out of January's statement.
  events.push({ id: 'dec', timestamp: '2024-12-31T23:59:59.999Z', model: model.slug, input_tokens: 1, output_tokens: 1 })
  events.push({ id: 'feb', timestamp: '2025-02-01T00:00:00Z', model: model.slug, input_tokens: 1, output_tokens: 1 })
  const out = await ingestEvents(pool, team.id, events, { source: 'test', now: day('2025-02-02') })
  expect(out.accepted).toBe(32)
  await applyBatchRollup(pool, out.batchId!)
  return { team, model, unknown }
}

async function rawJanuary(teamId: number) {
  const { rows } = await pool.query(
    `SELECT count(*)::int AS calls, coalesce(sum(cost), 0)::text AS cost, count(*) FILTER (WHERE status = 'unpriced')::int AS unpriced
       FROM usage_events WHERE team_id = $1 AND ts >= '2025-01-01T00:00:00Z' AND ts < '2025-02-01T00:00:00Z'`,
    [teamId],
  )
  return rows[0] as { calls: number; cost: string; unpriced: number }
}

afterAll(async () => {
  await closeProducerQueues()
})

describe('month close', () => {
  it('freezes the statement from rollups: spend by model and bucket, calls, unpriced, budget', async () => {
    const { team, model, unknown } = await setup()
    const raw = await rawJanuary(team.id)
    const result = await closeMonth(prisma, { month: '2025-01', teamIds: [team.id], actor, now: day('2025-02-02') })
    expect(result.closed).toEqual([{ teamId: team.id, teamSlug: team.slug, totalCost: new Decimal(raw.cost).toFixed(), calls: 30, unpricedCalls: 3 }])
    expect(raw).toMatchObject({ calls: 30, unpriced: 3 })

    const row = await prisma.monthClose.findUniqueOrThrow({ where: { teamId_month: { teamId: team.id, month: '2025-01' } } })
    expect([row.totalCost.toFixed(), row.unpricedCalls]).toEqual([new Decimal(raw.cost).toFixed(), 3n])
    const s = row.statement as { models: { modelKey: string; calls: number; inputTokens: number; cost: string; unpricedCalls: number }[]; budget: string; budgetUsedPercent: string; totals: { cost: string } }
    expect(s.models.map((m) => [m.modelKey, m.calls, m.unpricedCalls])).toEqual([
      [model.slug, 27, 0],
      [unknown, 3, 3],
    ])
    expect(s.models[1]?.cost).toBe('0')
    expect(s.budget).toBe('50')
    expect(s.budgetUsedPercent).toBe(new Decimal(raw.cost).dividedBy(50).times(100).toFixed(2))
    expect(await prisma.auditLog.count({ where: { action: 'month.close', teamId: team.id } })).toBe(1)

    await expectAppError(closeMonth(prisma, { month: '2025-01', teamIds: [team.id], actor, now: day('2025-02-02') }), 'conflict', /2025-01 is already closed/)
  })

  it('refuses the current month, a future month, a malformed month, and rollups still pending', async () => {
    const { team } = await createTestTeam()
    const now = day('2025-03-15')
    await expectAppError(closeMonth(prisma, { month: '2025-03', teamIds: [team.id], actor, now }), 'invalid', /only months before the current one/)
    await expectAppError(closeMonth(prisma, { month: '2025-04', teamIds: [team.id], actor, now }), 'invalid', /only months before the current one/)
    await expectAppError(closeMonth(prisma, { month: '2025-13', teamIds: [team.id], actor, now }), 'invalid', /YYYY-MM/)
    const out = await ingestEvents(pool, team.id, [{ id: 'p', timestamp: '2025-02-10T00:00:00Z', model: 'gpt-4o', input_tokens: 1, output_tokens: 1 }], { source: 'test', now })
    expect(out.accepted).toBe(1)
    await expectAppError(closeMonth(prisma, { month: '2025-02', teamIds: [team.id], actor, now }), 'conflict', /1 batch of calls from it is still being added to the totals/)
    await applyBatchRollup(pool, out.batchId!)
    expect((await closeMonth(prisma, { month: '2025-02', teamIds: [team.id], actor, now })).closed).toHaveLength(1)
    expect(await prisma.monthClose.count({ where: { teamId: team.id } })).toBe(1)
  })

  it('a re-price after close leaves the frozen statement alone and shows up as an adjustment', async () => {
    const { team, model } = await setup()
    await closeMonth(prisma, { month: '2025-01', teamIds: [team.id], actor, now: day('2025-02-02') })
    const frozen = await rawJanuary(team.id)

    const open = await getMonthStatement(pool, { month: '2025-02', teamIds: [team.id] })
    expect(open.closed).toBe(false)
    expect(open.teams[0]).toMatchObject({ closed: false, adjustment: null, live: { calls: 1 } })

    // Backdated price change for the second half of January, then an explicit re-price.
    await addPriceVersion(prisma, { modelId: model.id, effectiveFrom: day('2025-01-16'), input: '4', output: '16', source: 'manual', actor })
    const { run } = await startReprice(prisma, { from: day('2025-01-01'), to: day('2025-02-01'), modelId: model.id, dryRun: false, actor, enqueue: false }, pool)
    await runRepriceChunked(pool, run.id)
    const live = await rawJanuary(team.id)
    expect(new Decimal(live.cost).gt(frozen.cost)).toBe(true)

    const statement = await getMonthStatement(pool, { month: '2025-01', teamIds: [team.id] })
    const t = statement.teams[0]!
    expect(statement.closed).toBe(true)
    expect(t.closed).toBe(true)
    expect(t.statement.totals.cost).toBe(new Decimal(frozen.cost).toFixed())
    expect(t.live.cost).toBe(new Decimal(live.cost).toFixed())
    expect(t.adjustment).toEqual({ cost: new Decimal(live.cost).minus(frozen.cost).toFixed(), calls: 0, unpricedCalls: 0 })
    const row = await prisma.monthClose.findUniqueOrThrow({ where: { teamId_month: { teamId: team.id, month: '2025-01' } } })
    expect(row.totalCost.toFixed()).toBe(new Decimal(frozen.cost).toFixed())
  })
})
