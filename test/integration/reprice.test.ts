import { afterAll, describe, expect, it } from 'vitest'
import { pool, prisma } from '@/lib/db'
import { ingestEvents } from '@/lib/ingest/ingest-usage-batch'
import { closeProducerQueues } from '@/lib/queues'
import { addPriceVersion } from '@/lib/pricing/add-price-version'
import { Decimal } from '@/lib/pricing/decimal'
import { planReprice } from '@/lib/pricing/reprice/plan-reprice'
import { runRepriceChunked, type RepriceProgress } from '@/lib/pricing/reprice/run-reprice-chunked'
import { startReprice } from '@/lib/pricing/reprice/start-reprice'
import { applyBatchRollup } from '@/lib/rollups/apply-batch-rollup'
import { rebuildRollups } from '@/lib/rollups/rebuild-rollups'
import { findRollupDifferences } from '@/lib/rollups/reconcile-rollups'
import type { Job } from 'bullmq'
import { processReprice } from '@/workers/reprice'
import { createTestModel, createTestTeam } from './fixtures'

const actor = { name: 'test' }
const day = (d: string) => new Date(`${d}T00:00:00Z`)
const window = { from: day('2025-01-01'), to: day('2025-02-01') }

// 40 events over January, 1-2 per day, priced at ingest with v1 (1 / 2 USD per 1M).
async function setup() {
  const model = await createTestModel('rp')
  const other = await createTestModel('rp')
  const v1 = await addPriceVersion(prisma, { modelId: model.id, effectiveFrom: day('2025-01-01'), input: '1', output: '2', source: 'manual', actor })
  await addPriceVersion(prisma, { modelId: other.id, effectiveFrom: day('2025-01-01'), input: '7', output: '7', source: 'manual', actor })
  const { team } = await createTestTeam()
  const events = Array.from({ length: 40 }, (_, i) => ({
    id: `e${i}`,
    timestamp: new Date(Date.UTC(2025, 0, 1 + Math.floor(i * 0.75), 3 + (i % 20), 7)).toISOString(),
    model: i % 10 === 9 ? other.slug : model.slug,
    input_tokens: 1000 + i * 37,
    output_tokens: 100 + i,
    cache_read_tokens: i % 3 === 0 ? 50 : 0,
  }))
  const out = await ingestEvents(pool, team.id, events, { source: 'test', now: day('2025-01-31') })
  expect(out.accepted).toBe(40)
  await applyBatchRollup(pool, out.batchId!)
  // Backdated: from Jan 10 the model got dearer, with a cache-read price.
  const v2 = await addPriceVersion(prisma, { modelId: model.id, effectiveFrom: day('2025-01-10'), input: '3', output: '5', cacheRead: '0.3', source: 'manual', actor })
  return { team, model, other, v1: v1.version, v2: v2.version }
}

async function costs(teamId: number) {
  const rows = await prisma.usageEvent.findMany({ where: { teamId }, orderBy: { id: 'asc' } })
  return rows
}

const expectedCost = (e: { inputTokens: number; cacheReadTokens: number; outputTokens: number }, r: { input: string; cacheRead: string | null; output: string }) =>
  new Decimal(e.inputTokens).times(r.input).plus(new Decimal(e.cacheReadTokens).times(r.cacheRead ?? r.input)).plus(new Decimal(e.outputTokens).times(r.output)).dividedBy(1_000_000)

afterAll(async () => {
  await closeProducerQueues()
})

describe('re-pricing', () => {
  it('dry run: the exact change per team and month, writing nothing', async () => {
    const { team, model, v2 } = await setup()
    const before = await costs(team.id)
    const plan = await planReprice(pool, { ...window, modelId: model.id })
    const row = plan.rows.find((r) => r.teamId === team.id)
    const mine = before.filter((e) => e.modelId === model.id)
    const moved = mine.filter((e) => e.ts >= v2.effectiveFrom)
    expect(row).toMatchObject({ teamSlug: team.slug, month: '2025-01', closed: false, events: mine.length, changed: moved.length, unpricedBefore: 0, unpricedAfter: 0 })
    const oldSum = mine.reduce((s, e) => s.plus(e.cost!.toString()), new Decimal(0))
    const newSum = mine.reduce((s, e) => s.plus(e.ts >= v2.effectiveFrom ? expectedCost(e, { input: '3', cacheRead: '0.3', output: '5' }) : e.cost!.toString()), new Decimal(0))
    expect(row!.oldCost.toFixed()).toBe(oldSum.toFixed())
    expect(row!.newCost.toFixed()).toBe(newSum.toFixed())
    expect(row!.delta.toFixed()).toBe(newSum.minus(oldSum).toFixed())

    const { run, plan: stored } = await startReprice(prisma, { ...window, modelId: model.id, dryRun: true, actor }, pool)
    expect(run).toMatchObject({ status: 'done', dryRun: true, total: plan.events })
    expect(stored?.delta.toFixed()).toBe(plan.delta.toFixed())
    expect((run.result as { delta: string }).delta).toBe(plan.delta.toFixed())
    expect((await costs(team.id)).map((e) => e.cost?.toFixed())).toEqual(before.map((e) => e.cost?.toFixed()))
  })

  it('apply: chunked with progress, versions in force at each event time, rollups equal raw events after', async () => {
    const { team, model, other, v1, v2 } = await setup()
    const before = await costs(team.id)
    const { run, enqueued } = await startReprice(prisma, { ...window, modelId: model.id, dryRun: false, actor, enqueue: false }, pool)
    expect([run.status, enqueued]).toEqual(['pending', false])
    expect(await prisma.auditLog.count({ where: { action: 'reprice.start', entityId: String(run.id) } })).toBe(1)
    // Other teams' events of this model in January count too; this team's are a subset.
    expect(run.total).toBeGreaterThanOrEqual(36)

    const progress: RepriceProgress[] = []
    const result = await runRepriceChunked(pool, run.id, { chunkSize: 7, onProgress: (p) => void progress.push(p) })
    expect(progress.length).toBeGreaterThanOrEqual(Math.ceil(run.total / 7))
    expect(progress.at(-1)?.percent).toBe(100)
    expect(progress.map((p) => p.percent)).toEqual([...progress.map((p) => p.percent)].sort((a, b) => a - b))

    const after = await costs(team.id)
    for (const e of after) {
      if (e.modelId === other.id) {
        expect(e.cost?.toFixed()).toBe(before.find((b) => b.id === e.id)?.cost?.toFixed())
        continue
      }
      const inV2 = e.ts >= v2.effectiveFrom
      expect(e.priceVersionId).toBe(inV2 ? v2.id : v1.id)
      expect(e.cost?.toFixed()).toBe(expectedCost(e, inV2 ? { input: '3', cacheRead: '0.3', output: '5' } : { input: '1', cacheRead: null, output: '2' }).toFixed())
    }
    expect(await findRollupDifferences(pool, { ...window, teamIds: [team.id] })).toEqual([])
    const rollup = await pool.query(`SELECT sum(cost)::text AS cost FROM rollups_daily WHERE team_id = $1`, [team.id])
    const raw = after.reduce((s, e) => s.plus(e.cost!.toString()), new Decimal(0))
    expect(new Decimal(rollup.rows[0].cost).eq(raw)).toBe(true)

    const done = await prisma.repriceRun.findUniqueOrThrow({ where: { id: run.id } })
    expect(done).toMatchObject({ status: 'done', done: run.total })
    expect(done.finishedAt).not.toBeNull()
    expect(result.changed).toBeGreaterThanOrEqual(after.filter((e) => e.modelId === model.id && e.ts >= v2.effectiveFrom).length)
    expect(result.affected[String(team.id)]?.[0]).toBe('2025-01-10')
    // The rollups moved chunk by chunk: nothing was left to rebuild at the end.
    expect(result).toMatchObject({ rollupsPerChunk: true, changedDays: Object.values(result.affected).flat().length })
    expect(result.rebuiltDays).toBeUndefined()

    // A duplicated job after completion is a no-op.
    expect(await runRepriceChunked(pool, run.id)).toEqual(result)
  })

  it('a crashed run resumes from its cursor, and racing runners never double-apply', async () => {
    const { team, model } = await setup()
    const { run } = await startReprice(prisma, { ...window, modelId: model.id, dryRun: false, actor, enqueue: false }, pool)
    // The "crash": the runner dies after its second committed chunk.
    let chunks = 0
    await expect(
      runRepriceChunked(pool, run.id, {
        chunkSize: 5,
        onProgress: () => {
          if (++chunks === 2) throw new Error('worker killed')
        },
      }),
    ).rejects.toThrow('worker killed')
    const midway = await prisma.repriceRun.findUniqueOrThrow({ where: { id: run.id } })
    // Chunks are time ranges sized for chunkSize events, so two of them cover about 10, not exactly.
    expect(midway.status).toBe('running')
    expect(midway.done).toBeGreaterThan(0)
    expect(midway.done).toBeLessThan(run.total)
    expect(midway.cursor).not.toBeNull()

    // Three runners at once (a BullMQ retry, a duplicate job, the CLI): the row lock hands out each chunk once.
    const results = await Promise.all([1, 2, 3].map(() => runRepriceChunked(pool, run.id, { chunkSize: 5 })))
    const final = await prisma.repriceRun.findUniqueOrThrow({ where: { id: run.id } })
    expect(final).toMatchObject({ status: 'done', done: run.total })
    expect((final.result as { events: number }).events).toBe(run.total)
    expect(results.every((r) => r.events === run.total)).toBe(true)
    expect(await findRollupDifferences(pool, { ...window, teamIds: [team.id] })).toEqual([])
  })

  it('rollups equal the raw events after every chunk; a batch applied after the re-price is counted at its new cost', async () => {
    const { team, model, v1, v2 } = await setup()
    // Ingested, not yet rolled up (the worker is behind): the chunks must leave it to its applier.
    const pending = await ingestEvents(
      pool,
      team.id,
      [5, 12, 20].map((d) => ({ id: `pending-${d}`, timestamp: `2025-01-${String(d).padStart(2, '0')}T09:30:00Z`, model: model.slug, input_tokens: 500, output_tokens: 50 })),
      { source: 'test', now: day('2025-01-31') },
    )
    expect(pending.accepted).toBe(3)
    const { run } = await startReprice(prisma, { ...window, modelId: model.id, dryRun: false, actor, enqueue: false }, pool)
    const differences: unknown[] = []
    await runRepriceChunked(pool, run.id, {
      chunkSize: 6,
      onProgress: async () => void differences.push(...(await findRollupDifferences(pool, { ...window, teamIds: [team.id] }))),
    })
    expect(differences).toEqual([])
    // Profile rows are keyed by price version: the moved events left their v1 rows (from Jan 10 on) empty, and gone.
    const { rows: profile } = await pool.query<{ v: number; first: string; last: string; empty: number }>(
      `SELECT price_version_id AS v, min(day)::text AS first, max(day)::text AS last, count(*) FILTER (WHERE calls = 0)::int AS empty
         FROM rollups_profile_daily WHERE team_id = $1 AND model_id = $2 GROUP BY 1 ORDER BY 2`,
      [team.id, model.id],
    )
    expect(profile).toEqual([
      { v: v1.id, first: '2025-01-01', last: '2025-01-09', empty: 0 },
      { v: v2.id, first: '2025-01-10', last: '2025-01-29', empty: 0 },
    ])

    await applyBatchRollup(pool, pending.batchId!)
    expect(await findRollupDifferences(pool, { ...window, teamIds: [team.id] })).toEqual([])
    const { rows: late } = await pool.query<{ cost: string }>(
      `SELECT cost::text FROM rollups_hourly WHERE team_id = $1 AND bucket = '2025-01-20T09:00:00Z' AND model_id = $2`,
      [team.id, model.id],
    )
    // 500 input and 50 output tokens at v2 (3 / 5 USD per 1M), plus whatever else that hour holds.
    const { rows: raw } = await pool.query<{ cost: string }>(
      `SELECT sum(cost)::text AS cost FROM usage_events WHERE team_id = $1 AND model_id = $2 AND ts >= '2025-01-20T09:00:00Z' AND ts < '2025-01-20T10:00:00Z'`,
      [team.id, model.id],
    )
    expect(new Decimal(late[0]!.cost).eq(raw[0]!.cost)).toBe(true)
    const { rows: pendingCost } = await pool.query<{ cost: string }>(`SELECT cost::text FROM usage_events WHERE team_id = $1 AND event_id = 'pending-20'`, [team.id])
    expect(pendingCost[0]!.cost).toBe(new Decimal(500).times(3).plus(new Decimal(50).times(5)).dividedBy(1_000_000).toFixed(15))
  })

  it('a run begun before rollups moved per chunk gets its affected team-days rebuilt at the end', async () => {
    const { team, model } = await setup()
    const { run } = await startReprice(prisma, { ...window, modelId: model.id, dryRun: false, actor, enqueue: false }, pool)
    // What the earlier code left after a chunk that changed an event without touching the rollups.
    const { rows } = await pool.query<{ id: string; day: string }>(
      `UPDATE usage_events SET cost = cost + 1 WHERE team_id = $1 AND event_id = 'e20' RETURNING id, (ts AT TIME ZONE 'UTC')::date::text AS day`,
      [team.id],
    )
    const legacy = { events: 0, changed: 1, oldCost: '0', newCost: '1', delta: '1', affected: { [String(team.id)]: [rows[0]!.day] } }
    await prisma.repriceRun.update({ where: { id: run.id }, data: { status: 'running', result: legacy } })
    expect(await findRollupDifferences(pool, { ...window, teamIds: [team.id] })).not.toEqual([])

    const result = await runRepriceChunked(pool, run.id)
    expect(result.rollupsPerChunk).toBeUndefined()
    expect(result.rebuiltDays).toBe(result.changedDays)
    expect(result.rebuiltDays).toBeGreaterThan(0)
    expect(await findRollupDifferences(pool, { ...window, teamIds: [team.id] })).toEqual([])
  })

  it('prices events that were unpriced, and an event left without a version becomes unpriced (not free)', async () => {
    const { team } = await setup()
    // Unpriced at ingest (no price yet); a price from that day on makes the re-price price it.
    const late = await createTestModel('rp')
    // A wrong version, removed later by an admin: its event must not keep the wrong cost.
    const wrong = await createTestModel('rp')
    const out = await ingestEvents(
      pool,
      team.id,
      [
        { id: 'late-1', timestamp: '2025-01-02T05:00:00Z', model: late.slug, input_tokens: 10, output_tokens: 1 },
        { id: 'wrong-1', timestamp: '2025-01-02T06:00:00Z', model: wrong.slug, input_tokens: 10, output_tokens: 1 },
      ],
      { source: 'test', now: day('2025-01-31') },
    )
    expect(out.accepted).toBe(2)
    await applyBatchRollup(pool, out.batchId!)
    // Added while the events wait (no worker in this test), so only the re-price prices them.
    const lateVersion = await addPriceVersion(prisma, { modelId: late.id, effectiveFrom: day('2025-01-02'), input: '1', output: '1', source: 'manual', actor })
    const wrongVersion = await addPriceVersion(prisma, { modelId: wrong.id, effectiveFrom: day('2024-12-01'), input: '100', output: '100', source: 'manual', actor })
    await pool.query(
      `UPDATE usage_events SET status = 'priced', cost = 0.0011, price_version_id = $2 WHERE team_id = $1 AND event_id = 'wrong-1'`,
      [team.id, wrongVersion.version.id],
    )
    await prisma.priceVersion.delete({ where: { id: wrongVersion.version.id } })
    // As if it had been priced so at ingest: its rollups count that cost.
    await rebuildRollups(pool, { from: day('2025-01-02'), to: day('2025-01-03'), teamIds: [team.id] })

    const day2 = { from: day('2025-01-02'), to: day('2025-01-03') }
    const plan = await planReprice(pool, { ...day2, modelId: late.id })
    const lateRow = plan.rows.find((r) => r.teamId === team.id)
    expect(lateRow).toMatchObject({ events: 1, changed: 1, unpricedAfter: 0 })
    expect(lateRow?.newCost.toFixed()).toBe('0.000011')

    for (const modelId of [late.id, wrong.id]) {
      const { run } = await startReprice(prisma, { ...day2, modelId, dryRun: false, actor, enqueue: false }, pool)
      await runRepriceChunked(pool, run.id)
    }
    const rows = await prisma.usageEvent.findMany({ where: { teamId: team.id, eventId: { in: ['late-1', 'wrong-1'] } }, orderBy: { eventId: 'asc' } })
    expect(rows.map((e) => [e.eventId, e.status, e.cost?.toFixed() ?? null, e.priceVersionId])).toEqual([
      ['late-1', 'priced', '0.000011', lateVersion.version.id],
      ['wrong-1', 'unpriced', null, null],
    ])
    expect(await findRollupDifferences(pool, { ...day2, teamIds: [team.id] })).toEqual([])
    const { rows: rollup } = await pool.query(`SELECT unpriced_calls::int AS n FROM rollups_daily WHERE team_id = $1 AND model_key = $2`, [team.id, wrong.slug])
    expect(rollup).toEqual([{ n: 1 }])
  })

  it('the reprice worker processor validates its payload, reports progress and applies the run', async () => {
    const { team, model } = await setup()
    await expect(processReprice({ data: { runId: 'x' }, updateProgress: async () => undefined } as unknown as Job)).rejects.toThrow()
    const { run } = await startReprice(prisma, { ...window, modelId: model.id, dryRun: false, actor, enqueue: false }, pool)
    const progress: unknown[] = []
    const job = { data: { runId: run.id }, updateProgress: async (p: unknown) => void progress.push(p) } as unknown as Job
    const result = await processReprice(job)
    expect(result.events).toBe(run.total)
    expect(progress.at(-1)).toBe(100)
    expect((await prisma.repriceRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe('done')
    expect(await findRollupDifferences(pool, { ...window, teamIds: [team.id] })).toEqual([])
  })
})
