import { performance } from 'node:perf_hooks'
import { BATCH_SIZE, eventId, makeEvents } from './events'
import type { BenchContext } from './types'

// Fills the benchmark database with `events` usage events (the --events flag) for benchmarks that read a
// filled database (page data, re-price). Direct inserts (insertUsageBatch) spread over the last `days`
// days, then the batches are marked applied and the rollups rebuilt over the window in one go — the
// same end state as the worker would leave, much faster. Teams: the bench team plus `extraTeams`.

export type FillResult = { events: number; seconds: number; teamIds: number[]; from: Date; to: Date }

export async function fillDatabase(ctx: BenchContext, events: number, opts: { days?: number; extraTeams?: number; concurrency?: number } = {}): Promise<FillResult> {
  const { lib } = ctx
  const days = opts.days ?? 30
  const teamIds = [ctx.team.id]
  for (let i = 0; i < (opts.extraTeams ?? 0); i++) {
    const t = await lib.prisma.team.create({ data: { slug: `bench-fill-${ctx.newTag()}`, name: `Benchmark fill team ${i + 1}` } })
    teamIds.push(t.id)
  }
  const snapshot = await lib.getPricingSnapshot(lib.pool)
  const now = Date.now()
  const to = new Date(now)
  const from = new Date(now - days * 86_400_000)
  const tag = ctx.newTag()
  const batches = Math.ceil(events / BATCH_SIZE)
  let next = 0
  let inserted = 0
  const t0 = performance.now()
  ctx.pauseWorker() // no rollup jobs are enqueued, and the sweeper must not race the rebuild below
  try {
    const loop = async () => {
      for (let b = next++; b < batches; b = next++) {
        const size = Math.min(BATCH_SIZE, events - b * BATCH_SIZE)
        const teamId = teamIds[b % teamIds.length] as number
        // Batch b's events sit in a 3-hour window ending at a point spread evenly over [from, to).
        const end = from.getTime() + ((b + 0.5) / batches) * (to.getTime() - from.getTime())
        const raw = makeEvents(size, { seed: 1000 + (b % 64), now: end, id: (i) => eventId(tag, b, i) })
        const prepared = lib.prepareEvents(raw, {
          teamId,
          now: new Date(now),
          maxAgeMs: (days + 1) * 86_400_000,
          maxFutureMs: 86_400_000,
          matchModel: snapshot.matchModel,
          prices: snapshot.prices,
        })
        inserted += (await lib.insertUsageBatch(lib.pool, teamId, 'bench-fill', prepared.rows)).insertedIds.size
        if (b % 200 === 0 && b > 0) ctx.log(`  filled ${inserted.toLocaleString('en-US')} of ${events.toLocaleString('en-US')} events`)
      }
    }
    await Promise.all(Array.from({ length: opts.concurrency ?? 4 }, loop))
    await lib.pool.query('UPDATE ingest_batches SET rolled_up_at = now() WHERE rolled_up_at IS NULL')
    await lib.rebuildRollups(lib.pool, { from: new Date(from.getTime() - 86_400_000), to: new Date(to.getTime() + 86_400_000), teamIds })
    await lib.pool.query('ANALYZE usage_events, ingest_batches, rollups_hourly, rollups_daily')
  } finally {
    ctx.resumeWorker()
  }
  return { events: inserted, seconds: (performance.now() - t0) / 1000, teamIds, from, to }
}
