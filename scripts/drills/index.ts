// `npm run drills -- [flags]`: fault drills with zero loss, a scale-out proof and a soak run, against
// the drills' own PostgreSQL and Redis (started here on free ports, in a temp dir) and the production
// build of the app. Prints a table drill → events sent / accepted / stored / rolled up / differences,
// and exits non-zero on any difference, any 500, or any drill that did not reach its fault.
import 'dotenv/config'
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { cleanUpOnSignals, stopAll } from '../../bench/core/children'
import { loadAverage } from '../../bench/core/procfs'
import { buildApp, hasBuild } from './build'
import { postgresRestart, redisOutage, webStartWithoutRedis, workerKill } from './fault-drills'
import { LoadGenerator } from '../../bench/core/retrying-client'
import { renderDetails, renderTable, writeVitestShapedReport } from './report'
import { runDrill, type DrillOutcome, type DrillSpec, type Settings } from './run-drill'
import { racingWorkers, scaleOut, scaleThroughput, soak } from './scale-drills'
import { createWorld, destroyWorld, destroyWorldNow, type World } from './world'

const usage = `usage: npm run drills -- [flags]
  --quick            short outages, a low rate, no redis-outage (redis-data-loss covers it) and no
                     scale-throughput: the mode npm test runs, ~2–3 min
  --soak             only the soak: --soak-seconds (default 60) at a steady rate with web + worker running
  --only a,b         only these drills: redis-outage, redis-data-loss, web-start-without-redis, worker-kill,
                     postgres-restart, racing-workers, scale-out, scale-throughput
  --rate N           batches per second of the steady load (default 10, quick 5)
  --batch N          events per batch (default 50, quick 20)
  --soak-seconds S   length of the soak (default 60)
  --dist DIR         the built app to run (default .next-drills, built once when missing)
  --rebuild          build into --dist even when a build is there
  --report FILE      also write the results as a Vitest-shaped JSON report (for npm test's summary)
  --keep             keep the temp dir (PostgreSQL data, Redis AOF, logs) and print where it is
  --help`

type Options = { settings: Settings; soak: boolean; only: string[] | null; dist: string; rebuild: boolean; report: string | null; keep: boolean }

function parseArgs(argv: string[]): Options | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help'
  const quick = argv.includes('--quick')
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag)
    if (i < 0) return undefined
    const v = argv[i + 1]
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`)
    return v
  }
  const int = (flag: string, dflt: number): number => {
    const v = value(flag)
    if (v === undefined) return dflt
    const x = Number(v)
    if (!Number.isInteger(x) || x < 1) throw new Error(`${flag} needs a positive integer (got '${v}')`)
    return x
  }
  const known = new Set(['--quick', '--soak', '--only', '--rate', '--batch', '--soak-seconds', '--dist', '--rebuild', '--report', '--keep'])
  argv.forEach((a, i) => {
    if (a.startsWith('--') && !known.has(a)) throw new Error(`unknown flag ${a}\n${usage}`)
    if (!a.startsWith('--') && !(i > 0 && known.has(argv[i - 1]!) && !['--quick', '--soak', '--rebuild', '--keep'].includes(argv[i - 1]!))) {
      throw new Error(`unexpected argument '${a}'\n${usage}`)
    }
  })
  const settings: Settings = {
    quick,
    rate: int('--rate', quick ? 5 : 10),
    batchSize: int('--batch', quick ? 20 : 50),
    warmupMs: quick ? 2000 : 3000,
    tailMs: quick ? 3000 : 5000,
    settleTimeoutMs: 90_000,
    redisOutageMs: quick ? 8000 : 20_000,
    workerKills: quick ? 1 : 3,
    postgresRestarts: ['fast', 'immediate'],
    postgresDownMs: quick ? 2000 : 5000,
    raceMs: quick ? 5000 : 15_000,
    scaleMs: quick ? 5000 : 15_000,
    soakMs: int('--soak-seconds', 60) * 1000,
    throughputMs: 10_000,
    throughputRounds: 2,
  }
  return {
    settings,
    soak: argv.includes('--soak'),
    only: value('--only')?.split(',').map((s) => s.trim()) ?? null,
    dist: value('--dist') ?? '.next-drills',
    rebuild: argv.includes('--rebuild'),
    report: value('--report') ?? null,
    keep: argv.includes('--keep'),
  }
}

function selectDrills(o: Options): DrillSpec[] {
  if (o.soak) return [soak()]
  const all = [redisOutage(), redisOutage({ wipe: true }), webStartWithoutRedis(), workerKill(), postgresRestart(), racingWorkers(), scaleOut(), scaleThroughput()]
  if (o.only) {
    const unknown = o.only.filter((n) => !all.some((d) => d.name === n))
    if (unknown.length) throw new Error(`unknown drill(s): ${unknown.join(', ')} (known: ${all.map((d) => d.name).join(', ')})`)
    return all.filter((d) => o.only!.includes(d.name))
  }
  // Quick: Redis comes back empty (the harder case; it covers the sweeper too), no throughput rounds.
  return o.settings.quick ? all.filter((d) => d.name !== 'scale-throughput' && d.name !== 'redis-outage') : all
}

const emptyLoad = () => new LoadGenerator({ urls: [], apiKey: '', tag: 'none', batchSize: 1, ratePerSec: 1 }).summary()

/** App logs of earlier runs are kept a day (to read after a failure), then go. */
function pruneOldLogs(dir: string, maxAgeMs: number): void {
  if (!existsSync(dir)) return
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (Date.now() - statSync(path).mtimeMs > maxAgeMs) rmSync(path, { recursive: true, force: true })
  }
}

const t0 = performance.now()
const log = (msg: string) => process.stdout.write(`[drills ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${msg}\n`)

let world: World | undefined
let cleaning: Promise<void> | undefined
const cleanup = () => (cleaning ??= (async () => {
  await stopAll()
  await destroyWorld(world, log)
})())

async function main(o: Options): Promise<number> {
  const drills = selectDrills(o)
  const runId = `${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '')}-${randomBytes(2).toString('hex')}`
  const logDir = `.run/drills/${runId}`
  pruneOldLogs('.run/drills', 24 * 3600_000)
  log(`drills: ${drills.map((d) => d.name).join(', ')}${o.settings.quick ? ' (quick)' : ''}; load ${o.settings.rate} batches/s × ${o.settings.batchSize} events; load average ${loadAverage()}`)
  if (o.rebuild || !hasBuild(o.dist)) {
    const b0 = performance.now()
    await buildApp(o.dist, { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/none' }, log)
    log(`built ${o.dist} in ${((performance.now() - b0) / 1000).toFixed(0)} s`)
  }
  let setupError: string | undefined
  const outcomes: DrillOutcome[] = []
  try {
    world = await createWorld({ distDir: o.dist, logDir, log, keep: o.keep })
    log(`ready (app logs in ${logDir})`)
    for (const spec of drills) {
      log(`${spec.name}: ${spec.title}`)
      const outcome = await runDrill(world, o.settings, spec, log).catch(
        (err: Error): DrillOutcome => ({ name: spec.name, title: spec.title, load: emptyLoad(), check: null, notes: [], failures: [`could not run: ${err.message}`], seconds: 0 }),
      )
      outcomes.push(outcome)
      log(`${spec.name}: ${outcome.failures.length ? `FAILED (${outcome.failures.length})` : 'passed'} in ${outcome.seconds.toFixed(0)} s`)
    }
  } catch (err) {
    setupError = (err as Error).stack ?? String(err)
    log(`drills stopped: ${setupError}`)
  }
  await cleanup()
  if (o.report) writeVitestShapedReport(o.report, outcomes, setupError)
  process.stdout.write(`\n${renderTable(outcomes)}\n\n${renderDetails(outcomes)}\n\n`)
  const failed = outcomes.filter((d) => d.failures.length).length + (setupError ? 1 : 0)
  log(`${outcomes.length - (failed - (setupError ? 1 : 0))} drill(s) passed, ${failed} failed; load average ${loadAverage()}`)
  return failed ? 1 : 0
}

let parsed: Options | 'help'
try {
  parsed = parseArgs(process.argv.slice(2))
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`)
  process.exit(2)
}
if (parsed === 'help') {
  process.stdout.write(`${usage}\n`)
  process.exit(0)
}
cleanUpOnSignals({ log, cleanup, alsoNow: destroyWorldNow })
main(parsed).then(
  (code) => process.exit(code),
  async (err) => {
    process.stderr.write(`drills failed: ${(err as Error).stack ?? String(err)}\n`)
    await cleanup().catch(() => undefined)
    process.exit(1)
  },
)
