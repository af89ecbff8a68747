import { performance } from 'node:perf_hooks'
import { ensureFilled } from '../core/fill'
import { recordMemory } from '../core/memory-extra'
import { Monitor, postgresGroup, treeOf, type MonitorResult } from '../core/monitor'
import { fmtInt, fmtMiB, fmtMs, fmtNum, fmtSpread, median, spread } from '../core/stats'
import type { Benchmark, BenchContext, Section } from '../core/types'

// Benchmark: re-pricing every event of the filled database (lib/pricing/reprice/*), as the Models →
// re-price page does it. Each run first adds a new price version for every priced model, in force from
// before the window (so every priced event changes: the worst case), then
//   dry run  startReprice(dryRun) — the plan (old vs new cost per team and month), computed in SQL
//   apply    startReprice(apply) → the worker's `reprice` job (runRepriceChunked: time-range chunks of ≈ 100k events inside one month, each
//            committing with the run's progress), polled on reprice_runs like the page's live progress.
// Baseline, same run: a plain scan of the window (count, sum of cost) — reading the events once.
// Checks: the apply changes exactly what the dry run predicted (events, changed, delta); after the first
// apply a new dry run finds nothing left to change and the rollups equal a GROUP BY over the raw events.

const GOAL_APPLY_MS = 120_000
const MAX_APPLY_MS = 150 * 60_000 // a hang guard, not a goal

type Run = {
  events: number
  changed: number
  dryMs: number
  startMs: number
  applyMs: number
  scanMs: number
  progress: { updates: number; maxGapMs: number; firstMs: number }
  monitor: MonitorResult
}

async function addVersions(ctx: BenchContext, at: Date, factor: string): Promise<number> {
  const app = await import('../core/app-lib')
  const { prisma } = ctx.lib
  const current = await prisma.priceVersion.findMany({ where: { effectiveTo: null }, orderBy: { modelId: 'asc' } })
  const f = new app.Decimal(factor)
  const scaled = (v: { toString(): string } | null) => (v === null ? null : new app.Decimal(v.toString()).times(f).toDecimalPlaces(9).toFixed())
  // One transaction: addPriceVersion then neither notifies nor enqueues the price-unpriced job (no event
  // it could price changes here), so the worker has only the re-price to do.
  await prisma.$transaction(
    async (tx) => {
      for (const v of current) {
        await app.addPriceVersion(tx, {
          modelId: v.modelId,
          effectiveFrom: at,
          input: scaled(v.input)!,
          output: scaled(v.output)!,
          cacheRead: scaled(v.cacheRead),
          cacheWrite: scaled(v.cacheWrite),
          reasoning: scaled(v.reasoning),
          source: 'manual',
          note: 'bench re-price',
          actor: { name: 'bench' },
        })
      }
    },
    { timeout: 60_000 },
  )
  return current.length
}

async function run(ctx: BenchContext): Promise<Section> {
  const app = await import('../core/app-lib')
  const fill = await ensureFilled(ctx)
  const { pool, prisma } = ctx.lib
  const from = new Date(fill.from.getTime() - 86_400_000)
  const to = new Date(fill.to.getTime() + 86_400_000)
  const actor = { name: 'bench' }
  const runsWanted = ctx.opts.quick || fill.events >= 5_000_000 ? 1 : ctx.opts.runs
  const runs: Run[] = []
  let verified = ''

  // Each run's versions start a second after the last ones (an earlier run in a reused database too),
  // still before the first event: every event changes.
  const { rows: last } = await pool.query<{ at: Date | null }>("SELECT max(effective_from) AS at FROM price_versions WHERE note = 'bench re-price'")
  let at = Math.max(from.getTime(), last[0]?.at?.getTime() ?? 0)
  for (let k = 1; k <= runsWanted; k++) {
    at += 1000
    const models = await addVersions(ctx, new Date(at), `1.0${k}`)

    const t0 = performance.now()
    const dry = await app.startReprice(prisma, { from, to, dryRun: true, actor, enqueue: false }, pool)
    const dryMs = performance.now() - t0
    const plan = dry.plan!
    ctx.log(`reprice run ${k}/${runsWanted}: ${models} new price versions; dry run ${fmtMs(dryMs)}: ${fmtInt(plan.events)} events, ${fmtInt(plan.changed)} change, delta ${plan.delta.toFixed(2)} USD`)

    const monitor = new Monitor(
      [{ name: 'worker', pids: treeOf(() => ctx.worker.pid), sampleMemory: true }, postgresGroup, { name: 'harness', pids: () => [process.pid] }],
      ctx.machine.cpus,
    ).start()
    const t1 = performance.now()
    const started = await app.startReprice(prisma, { from, to, dryRun: false, actor }, pool)
    const startMs = performance.now() - t1
    if (!started.enqueued) throw new Error('reprice: the apply run was not enqueued (Redis?)')
    let lastDone = -1
    let lastChange = performance.now()
    let updates = 0
    let maxGapMs = 0
    let firstMs = NaN
    let status = 'pending'
    let result: { events: number; changed: number; delta: string } | null = null
    for (;;) {
      const { rows } = await pool.query<{ status: string; done: number; total: number; error: string | null; result: { events: number; changed: number; delta: string } | null }>(
        'SELECT status::text, done, total, error, result FROM reprice_runs WHERE id = $1',
        [started.run.id],
      )
      const r = rows[0]!
      const nowMs = performance.now()
      if (r.done !== lastDone) {
        if (lastDone >= 0) {
          updates++
          if (Number.isNaN(firstMs)) firstMs = nowMs - t1
          maxGapMs = Math.max(maxGapMs, nowMs - lastChange)
        }
        lastDone = r.done
        lastChange = nowMs
      }
      status = r.status
      if (status === 'failed') throw new Error(`reprice: run ${started.run.id} failed: ${r.error}`)
      if (status === 'done') {
        result = r.result
        break
      }
      if (nowMs - t1 > MAX_APPLY_MS) throw new Error(`reprice: run ${started.run.id} not done after ${MAX_APPLY_MS / 60_000} min (${r.done}/${r.total})`)
      if (ctx.worker.child.exitCode !== null) throw new Error('reprice: the worker exited; see .run/bench/worker.log')
      await new Promise((res) => setTimeout(res, 200))
    }
    const applyMs = performance.now() - t1
    const mon = monitor.stop()
    if (!result || result.events !== plan.events || result.changed !== plan.changed || !new app.Decimal(result.delta).eq(plan.delta)) {
      throw new Error(`reprice: the apply (${JSON.stringify(result)}) did not do what the dry run planned (events ${plan.events}, changed ${plan.changed}, delta ${plan.delta.toFixed()})`)
    }

    const t2 = performance.now()
    const scan = await pool.query<{ n: number }>('SELECT count(*)::int AS n, sum(cost) AS cost FROM usage_events WHERE ts >= $1 AND ts < $2', [from.toISOString(), to.toISOString()])
    const scanMs = performance.now() - t2
    if (scan.rows[0]?.n !== plan.events) throw new Error(`reprice: the scan counts ${scan.rows[0]?.n} events, the plan ${plan.events}`)
    ctx.log(`reprice run ${k}/${runsWanted}: apply ${fmtMs(applyMs)} (start ${fmtMs(startMs)}, ${updates} progress updates, max gap ${fmtMs(maxGapMs)}); scan ${fmtMs(scanMs)}`)

    if (k === 1) {
      const again = await app.startReprice(prisma, { from, to, dryRun: true, actor, enqueue: false }, pool)
      const diffs = await ctx.lib.findRollupDifferences(pool, { from, to })
      if (again.plan!.changed !== 0) throw new Error(`reprice: after the apply a dry run still finds ${again.plan!.changed} events to change`)
      if (diffs.length !== 0) throw new Error(`reprice: after the apply ${diffs.length} rollup cells differ from the raw events (first: ${JSON.stringify(diffs[0])})`)
      verified = `After run 1: a second dry run found 0 events to change, and every rollup (hourly, daily, profile) equals a GROUP BY over the raw events for the whole window (reconcile's check).`
    }
    runs.push({ events: plan.events, changed: plan.changed, dryMs, startMs, applyMs, scanMs, progress: { updates, maxGapMs, firstMs }, monitor: mon })
    if (k < runsWanted) await pool.query('VACUUM usage_events') // each run starts from the same state, not from the last run's dead rows
  }

  const x = (v: number) => `${fmtNum(v, 1)}×`
  const s = (f: (r: Run) => number) => spread(runs.map(f))
  const apply = s((r) => r.applyMs)
  const events = median(runs.map((r) => r.events))
  recordMemory(ctx, { label: `worker during a re-price apply of ${fmtInt(events)} events`, runs: runs.map((r) => r.monitor.groups.worker!) })
  return {
    about: `Re-pricing every event of a database of ${fmtInt(fill.events)} events (window = the whole fill ± 1 day, all models), after adding a new price version for every priced model so that every priced event changes (worst case). Dry run = startReprice(dryRun) in the harness (the plan in SQL). Apply = startReprice → the worker's reprice job (time-range chunks of ≈ 100k events inside one month, each committing its events, their rollup rows and its progress together), polled every 200 ms on reprice_runs as the page's live progress does, until done. Baseline, same run: one plain scan of the window (count, sum of cost), right after the apply (so over the pages the apply left). ${runsWanted} run(s)${runsWanted < ctx.opts.runs ? ' (one with --quick or at ≥ 5M events: each apply rewrites every row)' : ''}.`,
    goals: [{ goal: `apply ≤ ${GOAL_APPLY_MS / 1000} s for ${fmtInt(events)} events, with progress`, met: apply.median <= GOAL_APPLY_MS && runs.every((r) => r.progress.updates > 0), detail: `${fmtSpread(apply, fmtMs)}; progress updates ${fmtSpread(s((r) => r.progress.updates))}, longest gap ${fmtSpread(s((r) => r.progress.maxGapMs), fmtMs)}` }],
    tables: [
      {
        columns: ['step', 'time', 'events/s', 'ratio to plain scan'],
        rows: [
          ['dry run (plan)', fmtSpread(s((r) => r.dryMs), fmtMs), fmtSpread(s((r) => r.events / (r.dryMs / 1000))), fmtSpread(s((r) => r.dryMs / r.scanMs), x)],
          ['apply: start (count, run row, enqueue)', fmtSpread(s((r) => r.startMs), fmtMs), '', ''],
          ['apply: until done', fmtSpread(apply, fmtMs), fmtSpread(s((r) => r.changed / (r.applyMs / 1000))), fmtSpread(s((r) => r.applyMs / r.scanMs), x)],
          ['plain scan of the window (baseline)', fmtSpread(s((r) => r.scanMs), fmtMs), fmtSpread(s((r) => r.events / (r.scanMs / 1000))), '1×'],
        ],
      },
      {
        columns: ['apply', 'first progress after', 'progress updates', 'longest gap', 'worker peak RSS', 'CPU worker', 'CPU postgres', 'CPU others'],
        rows: runs.map((r, i) => [
          `run ${i + 1}: ${fmtInt(r.changed)} of ${fmtInt(r.events)} events changed`,
          fmtMs(r.progress.firstMs),
          fmtInt(r.progress.updates),
          fmtMs(r.progress.maxGapMs),
          fmtMiB(r.monitor.groups.worker?.peakRss ?? NaN),
          `${fmtNum(r.monitor.groups.worker?.cpuPercent ?? NaN, 0)}%`,
          `${fmtNum(r.monitor.groups.postgres?.cpuPercent ?? NaN, 0)}%`,
          `${fmtNum(r.monitor.othersPercent, 0)}%`,
        ]),
      },
    ],
    notes: [verified, 'Each chunk is one statement over a time range of one month (≈ 100k events; lib/pricing/reprice/run-reprice-chunked.ts): an UPDATE joined to the pieces of each model\'s price timeline, which writes each changed row as a new version on its own page (HOT: the partitions keep half of each page free, so no index gets an entry), and the upserts that move the changed events\' rollup rows from their old price to the new (lib/rollups/rollup-sql.ts, repricedRollupSql).'].filter(Boolean),
  }
}

export const reprice: Benchmark = { name: 'reprice', title: 'Re-price the filled database', after: ['page-data', 'what-if'], run }
