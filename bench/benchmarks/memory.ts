import { fmtMiB, fmtNum, fmtSpread, spread } from '../core/stats'
import { recordedMemory, type MemoryExtra } from '../core/memory-extra'
import type { Benchmark, BenchContext, Section } from '../core/types'
import { apiStep, type ApiRun, type IngestShared } from './ingest'

// Benchmark 3: peak resident memory of the web and worker processes under ingest load. Reuses the API
// runs of `ingest` when it ran first (sampled every 200 ms from /proc/<pid>/status); otherwise runs
// its own API load.

async function run(ctx: BenchContext): Promise<Section> {
  let runs = (ctx.shared.get('ingest') as IngestShared | undefined)?.runs
  let source = 'the API runs of `ingest` (same invocation)'
  if (!runs) {
    const seconds = ctx.opts.quick ? 5 : 10
    source = `its own API load (${seconds} s per run; \`ingest\` did not run)`
    runs = []
    for (let k = 1; k <= ctx.opts.runs; k++) {
      ctx.log(`memory run ${k}/${ctx.opts.runs}: API ${seconds} s`)
      runs.push(await apiStep(ctx, seconds, { verify: false }))
    }
    await ctx.resetData()
  }
  const x = (v: number) => `${fmtNum(v)}×`
  const row = (name: string, label: string, rs: ApiRun[]) => {
    const g = (r: ApiRun) => r.monitor.groups[name]
    return [
      label,
      fmtSpread(spread(rs.map((r) => g(r)?.idleRss ?? NaN)), fmtMiB),
      fmtSpread(spread(rs.map((r) => g(r)?.peakRss ?? NaN)), fmtMiB),
      fmtSpread(spread(rs.map((r) => (g(r)?.peakRss ?? NaN) / (g(r)?.idleRss ?? NaN))), x),
      fmtSpread(spread(rs.map((r) => g(r)?.hwm ?? NaN)), fmtMiB),
    ]
  }
  // Peaks the read-side benchmarks saw (re-price: worker; route advice: web server) when they ran first.
  const extraRow = (e: MemoryExtra) => [
    e.label,
    fmtSpread(spread(e.runs.map((g) => g.idleRss)), fmtMiB),
    fmtSpread(spread(e.runs.map((g) => g.peakRss)), fmtMiB),
    fmtSpread(spread(e.runs.map((g) => g.peakRss / g.idleRss)), x),
    fmtSpread(spread(e.runs.map((g) => g.hwm)), fmtMiB),
  ]
  return {
    about: `Resident memory of the web server (\`next start\`, with any child processes) and of the worker, sampled every 200 ms (VmRSS from /proc) during ${source}; ${runs.length} runs. "Before" is sampled right before each run's load starts, in the same run, and is the baseline of the ratio.`,
    goals: [],
    tables: [
      {
        columns: ['process', 'RSS before load', 'peak RSS under load', 'ratio peak / before', 'VmHWM at the end (lifetime peak)'],
        rows: [row('web', 'web server', runs), row('worker', 'worker', runs), ...recordedMemory(ctx).map(extraRow)],
      },
    ],
    notes: recordedMemory(ctx).length ? ['Rows after the first two: peaks sampled the same way by other benchmarks of this invocation during their own loads (not ingest); "before" is their load\'s start.'] : [],
  }
}

export const memory: Benchmark = { name: 'memory', title: 'Memory under ingest load', after: ['ingest', 'reprice', 'route-advice'], run }
