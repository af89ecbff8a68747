import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkBudgets } from '@/lib/budgets/check-budgets'
import { getBudgetStatus } from '@/lib/budgets/get-budget-status'
import { pool, prisma } from '@/lib/db'
import { ingestEvents } from '@/lib/ingest/ingest-usage-batch'
import { invalidatePricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { closeProducerQueues } from '@/lib/queues'
import { applyBatchRollup } from '@/lib/rollups/apply-batch-rollup'
import { createTestTeam, randomSlug } from './fixtures'

// A model of our own at $1 per 1M tokens, so 1M tokens = $1 exactly whatever the shared catalog's prices.
let dollarModel: string

let seq = 0
/** Spend `usd` dollars (whole dollars) on `model` at `ts`, stored and rolled up as ingest would. */
async function spend(teamId: number, ts: string, usd: number, model = dollarModel) {
  const at = new Date(ts)
  const out = await ingestEvents(pool, teamId, [{ id: `e${++seq}`, timestamp: ts, model, input_tokens: usd * 1_000_000 }], { source: 'test', now: at })
  expect(out.accepted).toBe(1)
  await applyBatchRollup(pool, out.batchId!)
}

async function teamWithPolicy(policy: { monthlyBudget?: string | null; alertThresholds?: number[]; webhookUrl?: string | null } = {}) {
  const { team } = await createTestTeam()
  await prisma.teamPolicy.create({
    data: {
      teamId: team.id,
      version: 1,
      monthlyBudget: policy.monthlyBudget === undefined ? '100' : policy.monthlyBudget,
      alertThresholds: policy.alertThresholds ?? [50, 80, 100],
      webhookUrl: policy.webhookUrl ?? null,
    },
  })
  return team
}

/** Runs the checker for one team and records which alert ids it asked to deliver. */
async function check(teamId: number, now: Date) {
  const delivered: number[] = []
  const result = await checkBudgets(pool, now, {
    teamIds: [teamId],
    enqueueDelivery: async (id) => {
      delivered.push(id)
      return true
    },
  })
  return { keys: result.created.map((a) => a.dedupeKey).sort(), created: result.created, delivered }
}

beforeAll(async () => {
  dollarModel = randomSlug('dollar')
  const model = await prisma.model.create({ data: { slug: dollarModel, displayName: 'Dollar', provider: 'test', family: 'Test', route: 'dense', deployment: 'closed_api' } })
  await prisma.priceVersion.create({ data: { modelId: model.id, effectiveFrom: new Date('2024-01-01T00:00:00Z'), input: '1', output: '1', source: 'manual' } })
  invalidatePricingSnapshot()
})
afterAll(async () => {
  await closeProducerQueues()
})

describe('budget thresholds', () => {
  // $1 a day on Aug 1 … 18, checked at 06:00 on Aug 19: 12.75 days left in the month.
  const now = new Date('2025-08-19T06:00:00Z')

  async function steadyTeam(policy: Parameters<typeof teamWithPolicy>[0] = {}) {
    const team = await teamWithPolicy(policy)
    for (let d = 1; d <= 18; d++) await spend(team.id, `2025-08-${String(d).padStart(2, '0')}T10:00:00Z`, 1)
    return team
  }

  it('a jump past two thresholds raises both, once; later crossings raise only what is new', async () => {
    const team = await steadyTeam({ webhookUrl: 'https://hooks.example.test/budget' })
    expect((await check(team.id, now)).keys).toEqual([])

    // $18 → $85 in one step: 50 % and 80 % both crossed, and today is an anomaly (67 > 3 × $1).
    await spend(team.id, '2025-08-19T05:00:00Z', 67)
    const jump = await check(team.id, now)
    expect(jump.keys).toEqual([`anomaly:${team.id}:2025-08-19`, `budget:${team.id}:2025-08:50`, `budget:${team.id}:2025-08:80`].sort())
    // Forecast 85 + $1/day × 12.75 = 97.75: under budget, so no forecast alert yet.
    expect(jump.delivered.sort()).toEqual(jump.created.map((a) => a.id).sort())

    // Re-runs, sequential or racing, create nothing.
    expect((await check(team.id, now)).keys).toEqual([])
    const racing = await Promise.all([check(team.id, now), check(team.id, now), check(team.id, now)])
    expect(racing.flatMap((r) => r.keys)).toEqual([])

    await spend(team.id, '2025-08-19T05:30:00Z', 10) // $95: forecast 107.75 > budget
    expect((await check(team.id, now)).keys).toEqual([`forecast:${team.id}:2025-08`])
    await spend(team.id, '2025-08-19T05:45:00Z', 5) // $100: the 100 % threshold
    expect((await check(team.id, now)).keys).toEqual([`budget:${team.id}:2025-08:100`])
    expect((await check(team.id, now)).keys).toEqual([])

    const alerts = await prisma.alert.findMany({ where: { teamId: team.id }, orderBy: { id: 'asc' } })
    expect(alerts.map((a) => a.kind).sort()).toEqual(['anomaly', 'budget_forecast', 'budget_threshold', 'budget_threshold', 'budget_threshold'])
    const eighty = alerts.find((a) => a.dedupeKey.endsWith(':80'))!
    expect(eighty.message).toBe(`Team '${team.slug}' has spent $85.00 of its $100.00 budget for 2025-08 (85%): past the 80% alert threshold.`)
    expect(eighty.data).toMatchObject({ threshold: 80, spent_usd: '85', budget_usd: '100', month: '2025-08' })
  })

  it('the next month starts afresh: the same thresholds alert again under its own keys', async () => {
    const team = await teamWithPolicy({ monthlyBudget: '10' })
    await spend(team.id, '2025-08-10T10:00:00Z', 6)
    expect((await check(team.id, new Date('2025-08-10T12:00:00Z'))).keys).toContain(`budget:${team.id}:2025-08:50`)
    await spend(team.id, '2025-09-02T10:00:00Z', 6)
    const sept = await check(team.id, new Date('2025-09-02T12:00:00Z'))
    expect(sept.keys).toContain(`budget:${team.id}:2025-09:50`)
    expect(sept.keys).not.toContain(`budget:${team.id}:2025-09:80`)
  })

  it('re-queues an alert whose delivery was never attempted (Redis was down), and only that one', async () => {
    const team = await teamWithPolicy({ monthlyBudget: '10', webhookUrl: 'https://hooks.example.test/x' })
    await spend(team.id, '2025-08-19T01:00:00Z', 6)
    const failing = await checkBudgets(pool, now, { teamIds: [team.id], enqueueDelivery: async () => false })
    expect(failing.created).toHaveLength(2) // 50 % and the anomaly
    expect(failing.enqueued).toBe(0)
    const [stranded, attempted] = failing.created
    await pool.query(`UPDATE alerts SET created_at = now() - interval '5 minutes' WHERE team_id = $1`, [team.id])
    await pool.query('UPDATE alerts SET attempts = 1 WHERE id = $1', [attempted!.id])
    const retry = await check(team.id, now)
    expect(retry.keys).toEqual([])
    expect(retry.delivered).toEqual([stranded!.id])
  })

  it('no budget, no threshold alerts; no webhook, nothing to deliver', async () => {
    const team = await teamWithPolicy({ monthlyBudget: null })
    await spend(team.id, '2025-08-19T01:00:00Z', 500)
    const r = await check(team.id, now)
    expect(r.keys).toEqual([`anomaly:${team.id}:2025-08-19`])
    expect(r.delivered).toEqual([])
  })

  it('a team without any policy is still watched for anomalies', async () => {
    const { team } = await createTestTeam()
    await spend(team.id, '2025-08-18T01:00:00Z', 3)
    expect((await check(team.id, now)).keys).toEqual([`anomaly:${team.id}:2025-08-18`])
  })
})

describe('getBudgetStatus', () => {
  it('reports spend, percent and the forecast with its method on a constructed month', async () => {
    const team = await teamWithPolicy({ monthlyBudget: '100' })
    for (let d = 1; d <= 18; d++) await spend(team.id, `2025-08-${String(d).padStart(2, '0')}T10:00:00Z`, 1)
    await spend(team.id, '2025-08-19T05:00:00Z', 67)
    await spend(team.id, '2025-07-31T23:00:00Z', 40) // last month: never in August's spend
    const status = await getBudgetStatus(pool, team.id, new Date('2025-08-19T06:00:00Z'))
    expect(status).toMatchObject({
      teamId: team.id,
      teamSlug: team.slug,
      month: '2025-08',
      budget: '100',
      spent: '85',
      percent: 85,
      forecast: '97.75',
      thresholds: [50, 80, 100],
      thresholdsCrossed: [50, 80],
      unpricedCalls: 0,
    })
    expect(status.forecastMethod).toContain('7 complete day(s) 2025-08-12..2025-08-18 ($1/day) × 12.75 day(s) left in 2025-08')
  })

  it('early in the month averages the days it has; on the 1st it falls back to last month', async () => {
    const team = await teamWithPolicy({ monthlyBudget: '100' })
    for (let d = 22; d <= 30; d++) await spend(team.id, `2025-09-${d}T10:00:00Z`, 2)
    await spend(team.id, '2025-10-01T10:00:00Z', 3)
    await spend(team.id, '2025-10-02T10:00:00Z', 5)
    // Oct 3 00:00: 2 complete days at $4/day mean, 29 days left → 8 + 116.
    expect((await getBudgetStatus(pool, team.id, new Date('2025-10-03T00:00:00Z'))).forecast).toBe('124.00')
    // Oct 1 12:00: no complete October day; Sep 24..30 at $2/day × 30.5 days left → 3 + 61.
    const first = await getBudgetStatus(pool, team.id, new Date('2025-10-01T12:00:00Z'))
    expect(first).toMatchObject({ spent: '3', forecast: '64.00' })
    expect(first.forecastMethod).toContain('2025-09-24..2025-09-30')
  })

  it('counts unpriced calls and keeps them out of spend; an unknown team is 404', async () => {
    const team = await teamWithPolicy({ monthlyBudget: '100' })
    await spend(team.id, '2025-08-05T10:00:00Z', 2)
    await spend(team.id, '2025-08-05T11:00:00Z', 9, 'no-such-model-anywhere')
    const status = await getBudgetStatus(pool, team.id, new Date('2025-08-19T06:00:00Z'))
    expect(status).toMatchObject({ spent: '2', unpricedCalls: 1 })
    await expect(getBudgetStatus(pool, 2_000_000_000, new Date())).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe('anomaly and unpriced-model alerts', () => {
  it('flags a day far above the 14-day median once, and not one that is merely 3×', async () => {
    const team = await teamWithPolicy({ monthlyBudget: null })
    for (let d = 1; d <= 14; d++) await spend(team.id, `2025-05-${String(d).padStart(2, '0')}T10:00:00Z`, 2)
    const now = new Date('2025-05-15T20:00:00Z')
    await spend(team.id, '2025-05-15T10:00:00Z', 6)
    expect((await check(team.id, now)).keys).toEqual([]) // exactly 3 × $2
    await spend(team.id, '2025-05-15T11:00:00Z', 1)
    const first = await check(team.id, now)
    expect(first.keys).toEqual([`anomaly:${team.id}:2025-05-15`])
    expect(first.created[0]?.kind).toBe('anomaly')
    await spend(team.id, '2025-05-15T12:00:00Z', 50)
    expect((await check(team.id, now)).keys).toEqual([])
    // The next morning, yesterday is still the same anomaly (not a second one), and a quiet today is none.
    expect((await check(team.id, new Date('2025-05-16T01:00:00Z'))).keys).toEqual([])
    const alert = await prisma.alert.findFirstOrThrow({ where: { teamId: team.id, kind: 'anomaly' } })
    expect(alert.data).toMatchObject({ day: '2025-05-15', spend_usd: '7', baseline_median_usd: '2' })
  })

  it('raises one unpriced_model alert per model per month', async () => {
    const team = await teamWithPolicy({ monthlyBudget: null })
    const model = randomSlug('private-model')
    const now = new Date('2025-08-19T06:00:00Z')
    await spend(team.id, '2025-08-01T10:00:00Z', 0.5, model)
    const first = await check(team.id, now)
    expect(first.keys).toEqual([`unpriced:${team.id}:2025-08:${model}`])
    await spend(team.id, '2025-08-02T10:00:00Z', 1, model)
    expect((await check(team.id, now)).keys).toEqual([])
    await spend(team.id, '2025-08-03T10:00:00Z', 1, `${model}-v2`)
    expect((await check(team.id, now)).keys).toEqual([`unpriced:${team.id}:2025-08:${model}-v2`])
    const alert = await prisma.alert.findFirstOrThrow({ where: { dedupeKey: `unpriced:${team.id}:2025-08:${model}` } })
    expect(alert.message).toContain(`'${model}', which has no price in force`)
  })
})
