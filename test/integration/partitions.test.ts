import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pool, prisma } from '@/lib/db'
import { seedCatalog } from '@/lib/demo/seed-catalog'
import { ingestEvents } from '@/lib/ingest/ingest-usage-batch'
import { insertUsageBatch } from '@/lib/ingest/insert-usage-batch'
import type { EventRow } from '@/lib/ingest/prepare-events'
import { applyUsageRetention } from '@/lib/partitions/apply-usage-retention'
import { ensureUsageEventPartitions } from '@/lib/partitions/ensure-usage-event-partitions'
import { listUsageEventPartitions } from '@/lib/partitions/list-usage-event-partitions'
import { monthsToEnsure } from '@/lib/partitions/usage-partition-months'
import { Decimal } from '@/lib/pricing/decimal'
import { closeProducerQueues } from '@/lib/queues'
import { applyBatchRollup } from '@/lib/rollups/apply-batch-rollup'
import { findRollupDifferences, reconcileRollups } from '@/lib/rollups/reconcile-rollups'
import { processPartitions } from '@/workers/partitions'
import { createTestTeam } from './fixtures'

// Other tests share this database and write events from 2024 on. These use months of the 1980s (and the
// 2090s for months ahead), so creating and dropping partitions here never touches their data.

function row(eventId: string, ts: string, cost = '0.001'): EventRow {
  return {
    eventId,
    ts: new Date(ts),
    modelRaw: 'partition-test-model',
    modelId: null,
    provider: null,
    buckets: { input: 100, cacheRead: 0, cacheWrite: 0, output: 10, reasoning: 0 },
    cost: new Decimal(cost),
    priceVersionId: null,
    status: 'priced',
    task: null,
    dataClass: null,
    latencyMs: null,
    tags: '{"svc":"partitions"}',
    rawUsage: null,
    advice: null,
    reportedCost: null,
  }
}

async function partitionNames(): Promise<string[]> {
  return (await listUsageEventPartitions(pool)).map((p) => p.name)
}

async function eventsByPartition(teamId: number): Promise<Record<string, string[]>> {
  const { rows } = await pool.query<{ part: string; ids: string[] }>(
    `SELECT tableoid::regclass::text AS part, array_agg(event_id ORDER BY event_id) AS ids FROM usage_events WHERE team_id = $1 GROUP BY 1`,
    [teamId],
  )
  return Object.fromEntries(rows.map((r) => [r.part, r.ids]))
}

async function keyIds(teamId: number): Promise<string[]> {
  const { rows } = await pool.query<{ event_id: string }>('SELECT event_id FROM usage_event_keys WHERE team_id = $1 ORDER BY event_id', [teamId])
  return rows.map((r) => r.event_id)
}

async function rollupSnapshot(teamId: number): Promise<string> {
  const { rows } = await pool.query(
    `SELECT 'h' AS g, bucket::text AS b, model_key, calls::text, cost::text FROM rollups_hourly WHERE team_id = $1
     UNION ALL SELECT 'd', day::text, model_key, calls::text, cost::text FROM rollups_daily WHERE team_id = $1 ORDER BY 1, 2, 3`,
    [teamId],
  )
  return JSON.stringify(rows)
}

beforeAll(async () => {
  await seedCatalog(prisma)
})
afterAll(async () => {
  await closeProducerQueues()
})

describe('monthly partitions of usage_events', () => {
  it('creates the months ahead through the SQL function, idempotently, with UTC bounds, every index and pages half free', async () => {
    const { from, to } = monthsToEnsure(new Date('2091-11-17T22:00:00Z'), 3)
    await ensureUsageEventPartitions(pool, from, to)
    expect(await ensureUsageEventPartitions(pool, from, to)).toEqual([])
    const ahead = (await listUsageEventPartitions(pool)).filter((p) => p.name >= 'usage_events_p209111' && p.name <= 'usage_events_p209203')
    expect(ahead.map((p) => [p.name, p.from?.toISOString(), p.to?.toISOString()])).toEqual([
      ['usage_events_p209111', '2091-11-01T00:00:00.000Z', '2091-12-01T00:00:00.000Z'],
      ['usage_events_p209112', '2091-12-01T00:00:00.000Z', '2092-01-01T00:00:00.000Z'],
      ['usage_events_p209201', '2092-01-01T00:00:00.000Z', '2092-02-01T00:00:00.000Z'],
      ['usage_events_p209202', '2092-02-01T00:00:00.000Z', '2092-03-01T00:00:00.000Z'],
    ])
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'usage_events_p209201'`)
    const { rows: parent } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'usage_events'`)
    expect(rows[0]?.n).toBe(parent[0]?.n)
    // Half of each page left free, so that re-pricing updates rows in place (HOT; see the migration).
    const { rows: options } = await pool.query<{ reloptions: string[] | null }>(
      `SELECT c.reloptions FROM pg_class c JOIN pg_inherits i ON i.inhrelid = c.oid WHERE i.inhparent = 'usage_events'::regclass`,
    )
    expect(options.length).toBeGreaterThanOrEqual(4)
    expect(new Set(options.map((o) => o.reloptions?.join()))).toEqual(new Set(['fillfactor=50']))
  })

  it('refuses to take over a table of a partition name that is not attached', async () => {
    await pool.query('DROP TABLE IF EXISTS usage_events_p198001')
    await pool.query('CREATE TABLE usage_events_p198001 (id bigint)')
    try {
      await expect(ensureUsageEventPartitions(pool, new Date('1980-01-01T00:00:00Z'), new Date('1980-01-01T00:00:00Z'))).rejects.toThrow(
        /usage_events_p198001 exists but is not an attached partition/,
      )
    } finally {
      await pool.query('DROP TABLE usage_events_p198001')
    }
  })

  it('routes each event to its UTC month, creating a missing month on insert', async () => {
    const { team } = await createTestTeam()
    const out = await insertUsageBatch(pool, team.id, 'test', [
      row('last-ms-of-july', '1987-07-31T23:59:59.999Z'),
      row('first-ms-of-august', '1987-08-01T00:00:00.000Z'),
      row('august-in-new-york', '1987-07-31T20:30:00-04:00'),
    ])
    expect(out.insertedIds.size).toBe(3)
    expect(await partitionNames()).toEqual(expect.arrayContaining(['usage_events_p198707', 'usage_events_p198708']))
    expect(await eventsByPartition(team.id)).toEqual({
      usage_events_p198707: ['last-ms-of-july'],
      usage_events_p198708: ['august-in-new-york', 'first-ms-of-august'],
    })
  })

  it('detects duplicates across months, within a batch and between concurrent batches', async () => {
    const { team } = await createTestTeam()
    const first = await insertUsageBatch(pool, team.id, 'test', [row('a', '1987-05-10T10:00:00Z'), row('b', '1987-06-10T10:00:00Z')])
    expect([...first.insertedIds].sort()).toEqual(['a', 'b'])

    // 'a' again with a timestamp in another month; 'c' twice in one batch (the first one wins).
    const second = await insertUsageBatch(pool, team.id, 'test', [
      row('a', '1987-07-10T10:00:00Z', '5'),
      row('c', '1987-06-20T10:00:00Z', '0.002'),
      row('c', '1987-05-20T10:00:00Z', '7'),
    ])
    expect([...second.insertedIds]).toEqual(['c'])
    const { rows } = await pool.query<{ event_id: string; ts: Date; cost: string }>(
      'SELECT event_id, ts, cost::text FROM usage_events WHERE team_id = $1 ORDER BY event_id',
      [team.id],
    )
    expect(rows.map((r) => [r.event_id, r.ts.toISOString(), Number(r.cost)])).toEqual([
      ['a', '1987-05-10T10:00:00.000Z', 0.001],
      ['b', '1987-06-10T10:00:00.000Z', 0.001],
      ['c', '1987-06-20T10:00:00.000Z', 0.002],
    ])
    expect(await keyIds(team.id)).toEqual(['a', 'b', 'c'])

    const same = Array.from({ length: 50 }, (_, i) => row(`race-${i}`, `1987-0${5 + (i % 3)}-15T10:00:00Z`))
    const raced = await Promise.all(Array.from({ length: 5 }, () => insertUsageBatch(pool, team.id, 'test', same)))
    expect(raced.reduce((n, r) => n + r.insertedIds.size, 0)).toBe(50)
    const { rows: count } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM usage_events WHERE team_id = $1', [team.id])
    expect(count[0]?.n).toBe(53)
  })

  it('reports a re-sent event as a duplicate through the ingest path, whatever month its timestamp names', async () => {
    const { team } = await createTestTeam()
    const opts = { now: new Date('1987-09-15T12:00:00Z'), maxAgeMs: 400 * 86_400_000, enqueue: false }
    const base = { model: 'gpt-4o', input_tokens: 10, output_tokens: 2 }
    const one = await ingestEvents(pool, team.id, [{ id: 'x', timestamp: '1987-08-31T23:00:00Z', ...base }], opts)
    expect(one.accepted).toBe(1)
    const two = await ingestEvents(
      pool,
      team.id,
      [
        { id: 'x', timestamp: '1987-09-01T01:00:00Z', ...base },
        { id: 'y', timestamp: '1987-09-02T01:00:00Z', ...base },
        { id: 'y', timestamp: '1987-07-02T01:00:00Z', ...base },
      ],
      opts,
    )
    expect(two.results.map((r) => [r.id, r.status])).toEqual([
      ['x', 'duplicate'],
      ['y', 'accepted'],
      ['y', 'duplicate'],
    ])
    expect(await keyIds(team.id)).toEqual(['x', 'y'])
  })

  it('retention drops only whole months past the cutoff, prunes their keys and leaves rollups alone', async () => {
    const { team } = await createTestTeam()
    const batches = [
      [row('jan-1', '1988-01-03T10:00:00Z'), row('jan-2', '1988-01-31T23:59:59.999Z')],
      [row('feb-1', '1988-02-01T00:00:00Z'), row('mar-1', '1988-03-15T10:00:00Z')],
    ]
    for (const b of batches) {
      const { batchId } = await insertUsageBatch(pool, team.id, 'test', b)
      expect((await applyBatchRollup(pool, batchId)).applied).toBe(true)
    }
    const rollupsBefore = await rollupSnapshot(team.id)
    const window = { from: new Date('1987-12-01T00:00:00Z'), to: new Date('1988-04-01T00:00:00Z'), teamIds: [team.id] }
    expect(await findRollupDifferences(pool, window)).toEqual([])
    const { rows: batchesBefore } = await pool.query('SELECT id, rolled_up_at FROM ingest_batches WHERE team_id = $1 ORDER BY id', [team.id])

    // 13 months before March 1989 is February 1988: January 1988 (and anything older) is past retention.
    const now = new Date('1989-03-15T12:00:00Z')
    const dry = await applyUsageRetention(pool, { now, months: 13, dryRun: true })
    expect(dry.cutoff.toISOString()).toBe('1988-02-01T00:00:00.000Z')
    expect(dry.dropped.map((p) => p.name)).toContain('usage_events_p198801')
    expect(dry.dropped.map((p) => p.name)).not.toContain('usage_events_p198802')
    expect(dry.keys).toBeGreaterThanOrEqual(2)
    expect(await partitionNames()).toContain('usage_events_p198801')
    expect(await keyIds(team.id)).toEqual(['feb-1', 'jan-1', 'jan-2', 'mar-1'])

    // The worker's daily job: months ahead of its `now`, then retention (USAGE_RETENTION_MONTHS = 13).
    const job = await processPartitions(now)
    expect(job.cutoff).toBe('1988-02-01T00:00:00.000Z')
    expect(job.dropped).toContain('usage_events_p198801')
    expect(job.dropped.every((name) => name < 'usage_events_p198802')).toBe(true)
    const names = await partitionNames()
    expect(names).not.toContain('usage_events_p198801')
    expect(names).toEqual(expect.arrayContaining(['usage_events_p198802', 'usage_events_p198803', 'usage_events_p198903', 'usage_events_p198906']))

    expect(await eventsByPartition(team.id)).toEqual({ usage_events_p198802: ['feb-1'], usage_events_p198803: ['mar-1'] })
    expect(await keyIds(team.id)).toEqual(['feb-1', 'mar-1'])
    expect(await rollupSnapshot(team.id)).toBe(rollupsBefore)
    const { rows: batchesAfter } = await pool.query('SELECT id, rolled_up_at FROM ingest_batches WHERE team_id = $1 ORDER BY id', [team.id])
    expect(batchesAfter).toEqual(batchesBefore)

    // January's rollups are now the only record of it: reconcile neither reports nor "repairs" them.
    expect(await findRollupDifferences(pool, window)).toEqual([])
    expect(await reconcileRollups(pool, window)).toEqual({ differences: [], repaired: false })
    expect(await rollupSnapshot(team.id)).toBe(rollupsBefore)

    // Idempotent: a second run creates and drops nothing.
    const again = await processPartitions(now)
    expect([again.created, again.dropped, again.keysPruned]).toEqual([[], [], 0])
  })

  it('reconcile still repairs months whose raw events are kept', async () => {
    const { team } = await createTestTeam()
    const { batchId } = await insertUsageBatch(pool, team.id, 'test', [row('kept-1', '1988-03-20T10:00:00Z', '0.5')])
    await applyBatchRollup(pool, batchId)
    await pool.query(`UPDATE rollups_daily SET calls = calls + 1 WHERE team_id = $1`, [team.id])
    const window = { from: new Date('1988-03-01T00:00:00Z'), to: new Date('1988-04-01T00:00:00Z'), teamIds: [team.id] }
    const { differences, repaired } = await reconcileRollups(pool, window)
    expect(differences.map((d) => [d.grain, d.column, d.rollup, d.raw])).toEqual([['daily', 'calls', '2', '1']])
    expect(repaired).toBe(true)
    expect(await findRollupDifferences(pool, window)).toEqual([])
  })
})
