import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Queue } from 'bullmq'
import { pool, prisma } from '@/lib/db'
import { Decimal } from '@/lib/pricing/decimal'
import { seedCatalog } from '@/lib/demo/seed-catalog'
import { ingestEvents } from '@/lib/ingest/ingest-usage-batch'
import { closeProducerQueues, defaultJobOptions, queueNames, redisConnection, rollupJobId } from '@/lib/queues'
import { applyBatchRollup } from '@/lib/rollups/apply-batch-rollup'
import { findRollupDifferences, reconcileRollups } from '@/lib/rollups/reconcile-rollups'
import { sweepPendingBatches } from '@/lib/rollups/sweep-pending-batches'
import { createTestTeam, minutesAgo } from './fixtures'
import { startWorkerProcess, stopWorkerProcess, uniqueQueuePrefix } from './worker-process'

const models = ['gpt-4o', 'o1', 'deepseek-chat', 'claude-3-5-sonnet-20241022', 'gpt-4o-mini', 'llama-3.1-70b']

function events(prefix: string, n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    timestamp: minutesAgo(1 + (i % 180)),
    model: models[i % models.length]!,
    input_tokens: 100 + i,
    output_tokens: 7 * i,
    reasoning_tokens: i % 3,
  }))
}

async function teamWindow(teamId: number) {
  const to = new Date(Date.now() + 86_400_000)
  const from = new Date(Date.now() - 3 * 86_400_000)
  return { from, to, teamIds: [teamId] }
}

async function rawTotals(teamId: number) {
  const { rows } = await pool.query(`SELECT count(*)::text AS calls, coalesce(sum(cost),0)::text AS cost FROM usage_events WHERE team_id = $1`, [teamId])
  return rows[0] as { calls: string; cost: string }
}

async function rollupTotals(teamId: number) {
  const { rows } = await pool.query(`SELECT coalesce(sum(calls),0)::text AS calls, coalesce(sum(cost),0)::text AS cost FROM rollups_daily WHERE team_id = $1`, [teamId])
  return rows[0] as { calls: string; cost: string }
}

beforeAll(async () => {
  await seedCatalog(prisma)
})
afterAll(async () => {
  await closeProducerQueues()
})

describe('rollups are applied exactly once', () => {
  it('duplicate and concurrent applications of the same batch count it once', async () => {
    const { team } = await createTestTeam()
    const out = await ingestEvents(pool, team.id, events('dup', 300), { source: 'test' })
    const results = await Promise.all(Array.from({ length: 5 }, () => applyBatchRollup(pool, out.batchId!)))
    expect(results.filter((r) => r.applied)).toHaveLength(1)
    expect(await findRollupDifferences(pool, await teamWindow(team.id))).toEqual([])
    const raw = await rawTotals(team.id)
    const roll = await rollupTotals(team.id)
    expect(roll.calls).toBe('300')
    expect(new Decimal(roll.cost).eq(raw.cost)).toBe(true)
  })

  it('an application that fails half-way rolls back entirely and is applied once on retry', async () => {
    const { team } = await createTestTeam()
    const out = await ingestEvents(pool, team.id, events('half', 50), { source: 'test' })
    // A real fault between the hourly and the daily upsert: the daily table refuses this team's rows.
    await pool.query(`ALTER TABLE rollups_daily ADD CONSTRAINT fault_${team.id} CHECK (team_id <> ${team.id}) NOT VALID`)
    try {
      await expect(applyBatchRollup(pool, out.batchId!)).rejects.toThrow(/fault_/)
    } finally {
      await pool.query(`ALTER TABLE rollups_daily DROP CONSTRAINT fault_${team.id}`)
    }
    expect(await prisma.rollupHourly.count({ where: { teamId: team.id } })).toBe(0)
    expect((await prisma.ingestBatch.findUniqueOrThrow({ where: { id: BigInt(out.batchId!) } })).rolledUpAt).toBeNull()
    expect((await applyBatchRollup(pool, out.batchId!)).applied).toBe(true)
    expect(await findRollupDifferences(pool, await teamWindow(team.id))).toEqual([])
    expect((await rollupTotals(team.id)).calls).toBe('50')
  })

  it('the sweeper applies batches that were never enqueued', async () => {
    const { team } = await createTestTeam()
    const out = await ingestEvents(pool, team.id, events('sweep', 20), { source: 'test' })
    await pool.query(`UPDATE ingest_batches SET received_at = now() - interval '1 minute' WHERE id = $1`, [out.batchId])
    await sweepPendingBatches(pool, { olderThanSeconds: 10, limit: 10_000 })
    expect((await rollupTotals(team.id)).calls).toBe('20')
    expect(await findRollupDifferences(pool, await teamWindow(team.id))).toEqual([])
  })

  it('reconcile finds a tampered rollup and repairs it', async () => {
    const { team } = await createTestTeam()
    const out = await ingestEvents(pool, team.id, events('rec', 40), { source: 'test' })
    await applyBatchRollup(pool, out.batchId!)
    await pool.query(`UPDATE rollups_daily SET calls = calls + 7, cost = cost + 1 WHERE team_id = $1`, [team.id])
    const { differences, repaired } = await reconcileRollups(pool, await teamWindow(team.id))
    expect(differences.length).toBeGreaterThan(0)
    expect(differences.map((d) => d.column)).toEqual(expect.arrayContaining(['calls', 'cost']))
    expect(repaired).toBe(true)
    expect(await findRollupDifferences(pool, await teamWindow(team.id))).toEqual([])
  })
})

describe('worker processes on the real queue', () => {
  it('two worker processes racing on duplicated jobs apply every batch once', async () => {
    const prefix = uniqueQueuePrefix()
    const { team } = await createTestTeam()
    const batchIds: string[] = []
    for (let b = 0; b < 10; b++) {
      const out = await ingestEvents(pool, team.id, events(`race${b}`, 100), { source: 'test' })
      batchIds.push(out.batchId!)
    }
    const workers = await Promise.all([startWorkerProcess({ QUEUE_PREFIX: prefix }), startWorkerProcess({ QUEUE_PREFIX: prefix })])
    const queue = new Queue(queueNames.rollup, { connection: redisConnection(), prefix, defaultJobOptions })
    try {
      // Each batch three times: once under its deterministic id, twice under other ids (as a buggy producer might).
      for (const id of batchIds) {
        await queue.add('apply', { batchId: id }, { jobId: rollupJobId(id) })
        await queue.add('apply', { batchId: id }, { jobId: `${rollupJobId(id)}-dup1` })
        await queue.add('apply', { batchId: id }, { jobId: `${rollupJobId(id)}-dup2` })
      }
      const deadline = Date.now() + 30_000
      while (Date.now() < deadline) {
        const pending = await prisma.ingestBatch.count({ where: { teamId: team.id, rolledUpAt: null } })
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed')
        if (pending === 0 && counts.waiting === 0 && counts.active === 0 && counts.delayed === 0) break
        await new Promise((r) => setTimeout(r, 200))
      }
      expect(await prisma.ingestBatch.count({ where: { teamId: team.id, rolledUpAt: null } })).toBe(0)
      expect((await rollupTotals(team.id)).calls).toBe('1000')
      expect(await findRollupDifferences(pool, await teamWindow(team.id))).toEqual([])
    } finally {
      await Promise.all(workers.map((w) => stopWorkerProcess(w)))
      await queue.obliterate({ force: true }).catch(() => undefined)
      await queue.close()
    }
  })

  it('SIGTERM lets the worker finish and exit cleanly', async () => {
    const w = await startWorkerProcess({ QUEUE_PREFIX: uniqueQueuePrefix() })
    expect(await stopWorkerProcess(w, 'SIGTERM')).toBe(0)
  })
})
