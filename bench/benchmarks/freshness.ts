import { BATCH_SIZE } from '../core/events'
import { runLoad, type PacedResult } from '../core/load'
import { Monitor, postgresGroup, treeOf, type MonitorResult } from '../core/monitor'
import { fmtInt, fmtMs, fmtNum, fmtSpread, percentile, spread } from '../core/stats'
import type { Benchmark, BenchContext, Section } from '../core/types'

// Benchmark 2: rollup freshness at a steady ~10k events/s (20 batches of 500 per second, paced).
//   committed → applied: ingest_batches.rolled_up_at − received_at, for every batch (database clock)
//   2xx → visible:       every 5th batch carries a probe event with a model name of its own; the load
//                        generator polls rollups_hourly for that row right after the 2xx
//   baseline:            the same probe on an idle system (one batch per second), in the same run

const RATE = 20
const PROBE_EVERY = 5
const GOAL_MS = 2000

type Run = {
  loaded: PacedResult
  idle: PacedResult
  monitor: MonitorResult
  dbMs: number[]
  idleDbMs: number[]
  drainMs: number
  notEnqueued: number
}

async function batchLags(ctx: BenchContext, afterId: string, upToId = '9223372036854775807'): Promise<number[]> {
  const { rows } = await ctx.lib.pool.query<{ ms: number }>(
    `SELECT (extract(epoch FROM rolled_up_at - received_at) * 1000)::float8 AS ms
       FROM ingest_batches WHERE id > $1 AND id <= $2 AND team_id = $3 AND rolled_up_at IS NOT NULL`,
    [afterId, upToId, ctx.team.id],
  )
  return rows.map((r) => r.ms)
}

async function maxBatchId(ctx: BenchContext): Promise<string> {
  const { rows } = await ctx.lib.pool.query<{ id: string }>('SELECT coalesce(max(id), 0)::text AS id FROM ingest_batches')
  return rows[0]?.id ?? '0'
}

async function run(ctx: BenchContext): Promise<Section> {
  const durationSec = ctx.opts.quick ? 6 : 15
  const idleProbes = ctx.opts.quick ? 3 : 5
  const job = (ratePerSec: number, seconds: number, probeEvery: number) => ({
    mode: 'paced' as const,
    url: `${ctx.config.baseUrl}/api/v1/usage`,
    apiKey: ctx.team.apiKey,
    ratePerSec,
    durationSec: seconds,
    tag: ctx.newTag(),
    probeEvery,
    databaseUrl: ctx.config.databaseUrl,
    teamId: ctx.team.id,
  })
  const runs: Run[] = []
  for (let k = 1; k <= ctx.opts.runs; k++) {
    await ctx.resetData()
    ctx.log(`freshness run ${k}/${ctx.opts.runs}: idle baseline (${idleProbes} single batches, 1/s)`)
    const idleFrom = await maxBatchId(ctx)
    const idle = await runLoad(job(1, idleProbes, 1))
    await ctx.waitForRollups()
    const before = await maxBatchId(ctx)
    const idleDbMs = await batchLags(ctx, idleFrom, before)
    ctx.log(`freshness run ${k}/${ctx.opts.runs}: ${RATE} batches/s × ${BATCH_SIZE} events for ${durationSec} s`)
    let genPid: number | undefined
    const monitor = new Monitor(
      [
        { name: 'web', pids: treeOf(() => ctx.web.pid) },
        { name: 'worker', pids: treeOf(() => ctx.worker.pid) },
        postgresGroup,
        { name: 'generator', pids: treeOf(() => genPid) },
      ],
      ctx.machine.cpus,
    )
    let started = false
    const notEnqueued = ctx.markEnqueueFailures()
    const loaded = await runLoad(job(RATE, durationSec, PROBE_EVERY), {
      onStart: (pid) => {
        genPid = pid
        started = true
        monitor.start()
      },
    })
    const mon = started ? monitor.stop() : monitor.start().stop()
    const drainMs = await ctx.waitForRollups()
    const dbMs = await batchLags(ctx, before)
    runs.push({ loaded, idle, monitor: mon, dbMs, idleDbMs, drainMs, notEnqueued: notEnqueued() })
    const e2e = loaded.probes.map((p) => p.ackToVisibleMs ?? Infinity)
    ctx.log(`  committed→applied p50 ${fmtMs(percentile(dbMs, 50))} p95 ${fmtMs(percentile(dbMs, 95))}; 2xx→visible p50 ${fmtMs(percentile(e2e, 50))} p95 ${fmtMs(percentile(e2e, 95))}`)
  }
  await ctx.resetData()
  return report(ctx, runs, durationSec)
}

function report(ctx: BenchContext, runs: Run[], durationSec: number): Section {
  const ok = (r: PacedResult) => r.requests.filter((q) => q.status >= 200 && q.status < 300)
  const ackMs = (r: PacedResult) => r.probes.map((p) => p.ackToVisibleMs ?? Infinity)
  const sendMs = (r: PacedResult) => r.probes.map((p) => p.sendToVisibleMs ?? Infinity)
  const per = (f: (r: Run) => number) => spread(runs.map(f))
  const x = (v: number) => `${fmtNum(v, 1)}×`
  const pct = (v: number) => `${fmtNum(v, 0)}%`
  // One row per measure: idle p50 (baseline), loaded p50 / p95 / max, ratio loaded p95 ÷ idle p50.
  const row = (label: string, loaded: (r: Run) => number[], idle: (r: Run) => number[]) => [
    label,
    fmtSpread(per((r) => percentile(idle(r), 50)), fmtMs),
    fmtSpread(per((r) => percentile(loaded(r), 50)), fmtMs),
    fmtSpread(per((r) => percentile(loaded(r), 95)), fmtMs),
    fmtSpread(per((r) => Math.max(...loaded(r))), fmtMs),
    fmtSpread(per((r) => percentile(loaded(r), 95) / percentile(idle(r), 50)), x),
  ]
  const dbP95 = per((r) => percentile(r.dbMs, 95))
  const e2eP95 = per((r) => percentile(ackMs(r.loaded), 95))
  const target = RATE * BATCH_SIZE
  const rate = per((r) => (ok(r.loaded).length * BATCH_SIZE) / r.loaded.durationSec)
  const held = rate.median >= target * 0.95
  const failed = runs.reduce((s, r) => s + r.loaded.requests.length - ok(r.loaded).length, 0)
  const lost = runs.reduce((s, r) => s + r.loaded.probes.filter((p) => p.ackToVisibleMs === null).length, 0)
  const probes = runs.reduce((s, r) => s + r.loaded.probes.length, 0)
  const notes: string[] = []
  if (!held)
    notes.push(
      `**The server did not keep up with the paced load** (${fmtSpread(rate)} of ${fmtInt(target)} events/s): requests queued, so "2xx → visible" is short (the rollup often lands before the slow 2xx) while "send → visible" carries the queueing. Read the freshness figures as "at the rate this machine sustained", not at 10k events/s.`,
    )
  if (lost) notes.push(`**${lost} of ${probes} probes never became visible within 30 s.**`)
  return {
    about: `A paced load of ${RATE} batches/s × ${BATCH_SIZE} events (≈ ${fmtInt(target)} events/s) for ${durationSec} s, from the separate load generator; ${runs.length} runs. "Committed → applied" is measured by the database for every batch (\`ingest_batches.rolled_up_at − received_at\`; rolled_up_at is stamped when the rollup transaction starts, so its commit adds a few ms). "2xx → visible" is end to end: every ${PROBE_EVERY}th batch carries one event with a model name of its own, and the generator polls \`rollups_hourly\` for that row every 10 ms after the 2xx ("send → visible" also counts the request itself). The baseline is the same thing on an otherwise idle system (one batch per second), measured in the same run; the ratio is loaded p95 ÷ idle p50.`,
    goals: [
      { goal: `load held at ≈ ${fmtInt(target)} events/s (≥ 95%)`, met: held, detail: `${fmtSpread(rate)} events/s acknowledged` },
      { goal: `p95 committed → applied ≤ ${GOAL_MS / 1000} s`, met: dbP95.median <= GOAL_MS, detail: fmtSpread(dbP95, fmtMs) },
      { goal: `p95 2xx → visible in rollups ≤ ${GOAL_MS / 1000} s`, met: lost === 0 && e2eP95.median <= GOAL_MS, detail: fmtSpread(e2eP95, fmtMs) },
    ],
    tables: [
      {
        title: `Freshness (median (min–max) over ${runs.length} runs of each run's percentile)`,
        columns: ['measure', 'idle p50 (baseline)', 'loaded p50', 'loaded p95', 'loaded max', 'ratio p95 ÷ idle p50'],
        rows: [
          row('committed → applied (database, every batch)', (r) => r.dbMs, (r) => r.idleDbMs),
          row(`2xx → visible in rollups_hourly (${probes} probes)`, (r) => ackMs(r.loaded), (r) => ackMs(r.idle)),
          row('send → visible (request + rollup)', (r) => sendMs(r.loaded), (r) => sendMs(r.idle)),
        ],
      },
      {
        title: 'The load itself',
        columns: ['measure', 'value'],
        rows: [
          ['achieved rate (2xx events/s)', `${fmtSpread(rate)} (target ${fmtInt(target)})`],
          ['wall time of the paced run (planned ' + durationSec + ' s)', fmtSpread(per((r) => r.loaded.durationSec * 1000), fmtMs)],
          ['request latency p50 / p95', `${fmtSpread(per((r) => percentile(ok(r.loaded).map((q) => q.latencyMs), 50)), fmtMs)} / ${fmtSpread(per((r) => percentile(ok(r.loaded).map((q) => q.latencyMs), 95)), fmtMs)}`],
          ['sends later than their slot, p95 (generator lag)', fmtSpread(per((r) => percentile(r.loaded.requests.map((q) => q.lateMs), 95)), fmtMs)],
          ['non-2xx or failed requests', String(failed)],
          ['batches whose rollup enqueue took > 500 ms (logged "not enqueued")', runs.map((r) => String(r.notEnqueued)).join(', ') + ' (per run)'],
          ['rollup backlog when the load stopped (time to drain)', fmtSpread(per((r) => r.drainMs), fmtMs)],
          ['CPU web / worker / postgres / generator / others (% of one core)', ['web', 'worker', 'postgres', 'generator'].map((g) => fmtSpread(per((r) => r.monitor.groups[g]?.cpuPercent ?? NaN), pct)).join(' / ') + ' / ' + fmtSpread(per((r) => r.monitor.othersPercent), pct)],
        ],
      },
    ],
    notes,
  }
}

export const freshness: Benchmark = { name: 'freshness', title: 'Rollup freshness at ~10k events/s', run }
