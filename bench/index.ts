// `npm run bench -- [flags]`: the benchmark harness. Sets up a throwaway world (database, BullMQ prefix,
// .next-bench build, web server, worker), runs the selected benchmarks from bench/benchmarks/, writes
// docs/benchmarks.md, and always tears the world down again (also on Ctrl-C).
import 'dotenv/config'
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { parseArgs, usage, type Options } from './core/args'
import { benchmarks } from './benchmarks'
import { cleanUpOnSignals, pause, resume, stopAll, stopManaged, type Managed } from './core/children'
import {
  build,
  buildState,
  clearRedis,
  createDatabase,
  DIST_DIR,
  dropDatabase,
  freePort,
  logCounter,
  PROFILE_DIR,
  profileFlags,
  makeConfig,
  migrate,
  redisInfo,
  restoreSharedFilesNow,
  startWeb,
  startWorker,
  type EnvironmentConfig,
} from './core/environment'
import { profilesIn, summariseProfile } from './core/cpuprofile'
import { describeMachine, machineLine } from './core/machine'
import { loadAverage } from './core/procfs'
import { renderSection, writeReport, type RunMeta } from './core/report'
import type { BenchContext, Lib } from './core/types'

const t0 = performance.now()
const log = (msg: string) => process.stdout.write(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${msg}\n`)

let config: EnvironmentConfig | undefined
let lib: Lib | undefined
let databaseCreated = false
let keepDb = false
let cleaning: Promise<void> | undefined

async function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const n of restoreSharedFilesNow()) log(n)
    await stopAll()
    if (lib) await lib.disconnectDb().catch(() => undefined)
    if (config && databaseCreated) {
      if (keepDb) log(`kept the database: ${config.databaseUrl}`)
      else await dropDatabase(config).catch((e: Error) => log(`could not drop ${config!.dbName}: ${e.message}`))
    }
    if (config) await clearRedis(config).catch(() => undefined)
  })()
  return cleaning
}

function newTag(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  return Array.from(randomBytes(6), (b) => alphabet[b % 36]).join('')
}

async function main(opts: Options): Promise<void> {
  const selected = opts.only ? benchmarks.filter((b) => opts.only!.includes(b.name)) : benchmarks
  const unknown = (opts.only ?? []).filter((n) => !benchmarks.some((b) => b.name === n))
  if (unknown.length) throw new Error(`unknown benchmark(s): ${unknown.join(', ')} (known: ${benchmarks.map((b) => b.name).join(', ')})`)
  keepDb = opts.keepDb
  const loadBefore = loadAverage()

  config = makeConfig(await freePort(opts.port), opts.reuseDb)
  // lib/env reads these when lib/ is first imported (below): the harness's own pool points at the bench DB.
  process.env.DATABASE_URL = config.databaseUrl
  process.env.REDIS_URL = config.redisUrl
  process.env.QUEUE_PREFIX = config.queuePrefix
  process.env.LOG_LEVEL = 'warn'
  log(`benchmarks: ${selected.map((b) => b.name).join(', ')}; runs ${opts.runs}, duration ${opts.duration} s${opts.quick ? ' (quick)' : ''}`)

  if (opts.reuseDb) {
    log(`database ${config.dbName} (reused): prisma migrate deploy`)
  } else {
    log(`database ${config.dbName}: create + prisma migrate deploy`)
    await createDatabase(config)
    databaseCreated = true
  }
  await migrate(config)
  lib = await import('./core/lib')
  const seeded = await lib.seedCatalog(lib.prisma)
  const team = await lib.prisma.team.create({ data: { slug: `bench-${newTag()}`, name: 'Benchmark team' } })
  const { key } = await lib.createApiKey(lib.prisma, { teamId: team.id, name: 'bench', actor: { name: 'bench' } })
  log(`seeded ${seeded.models.created} models, ${seeded.priceVersions.created} price versions; team ${team.slug}`)

  const state = buildState()
  if (!opts.build) {
    if (!state.exists) throw new Error(`--no-build: ${DIST_DIR} has no finished build; run without --no-build once`)
    log(`reusing ${DIST_DIR}${state.stale ? ' (older than the sources; --no-build given)' : ''}`)
  } else if (!state.exists || state.stale) {
    log(`building the app into ${DIST_DIR} (${state.exists ? 'older than the sources' : 'missing'}); this takes a few minutes`)
    const b0 = performance.now()
    await build(config, log)
    log(`built in ${((performance.now() - b0) / 1000).toFixed(0)} s`)
  } else {
    log(`${DIST_DIR} is up to date`)
  }

  const redisVersion = await redisInfo(config)
  const machine = await describeMachine(lib.pool, redisVersion)
  log(`machine: ${machineLine(machine)}; load average ${loadBefore}`)

  log(`starting web server on ${config.baseUrl} and one worker (queue prefix ${config.queuePrefix})`)
  if (opts.profile) rmSync(PROFILE_DIR, { recursive: true, force: true })
  const [web, worker] = await Promise.all([
    startWeb(config, opts.profile ? profileFlags('web') : []),
    startWorker(config, opts.profile ? profileFlags('worker') : []),
  ])
  const l = lib
  const enqueueFailures = logCounter('web.log', 'rollup not enqueued')
  const ctx: BenchContext = {
    opts,
    config,
    machine,
    lib: l,
    team: { id: team.id, apiKey: key },
    web,
    worker,
    log,
    resetData: async () => {
      const client = await l.pool.connect()
      try {
        await client.query("SET lock_timeout = '60s'")
        await client.query('TRUNCATE usage_events, usage_event_keys, ingest_batches, rollups_hourly, rollups_daily, rollups_profile_daily')
      } finally {
        await client.query('RESET lock_timeout').catch(() => undefined)
        client.release()
      }
    },
    waitForRollups: async (timeoutMs = 300_000) => {
      const s = performance.now()
      for (;;) {
        const { rows } = await l.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM ingest_batches WHERE rolled_up_at IS NULL')
        if ((rows[0]?.n ?? 0) === 0) return performance.now() - s
        if (performance.now() - s > timeoutMs) throw new Error(`rollups not caught up after ${timeoutMs / 1000} s (${rows[0]?.n} batches pending)`)
        if (worker.child.exitCode !== null) throw new Error(`the worker exited (${worker.child.exitCode}); see .run/bench/worker.log`)
        await new Promise((r) => setTimeout(r, 50))
      }
    },
    markEnqueueFailures: () => enqueueFailures.mark(),
    pauseWorker: () => pause(worker),
    resumeWorker: () => resume(worker),
    shared: new Map(),
    newTag,
  }
  const meta = (): RunMeta => ({
    command: `npm run bench${opts.argv.length ? ` -- ${opts.argv.join(' ')}` : ''}`,
    dateUtc: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    machine: machineLine(machine),
    cpus: machine.cpus,
    loadBefore,
    loadAfter: loadAverage(),
    minutes: (performance.now() - t0) / 60_000,
    benchmarks: selected.map((b) => b.name),
  })

  const fresh = new Map<string, string>()
  for (const b of selected) {
    log(`== ${b.name}: ${b.title}`)
    const section = await b.run(ctx)
    fresh.set(b.name, renderSection(b.name, b.title, section, meta()))
    for (const g of section.goals) log(`   goal: ${g.goal}: ${g.detail} → ${g.met === null ? 'n/a' : g.met ? 'met' : 'NOT met'}`)
    assertAlive(web, worker)
  }
  if (opts.out) {
    writeReport(opts.out, meta(), benchmarks.map((b) => b.name), fresh)
    log(`wrote ${opts.out}`)
  }
  await Promise.all([stopManaged(web), stopManaged(worker)])
  if (opts.profile) {
    for (const f of profilesIn(PROFILE_DIR)) for (const line of summariseProfile(f)) log(line)
  }
}

function assertAlive(...ms: Managed[]): void {
  for (const m of ms) if (m.child.exitCode !== null) throw new Error(`${m.label} exited (${m.child.exitCode}); see .run/bench/`)
}

let opts: Options | 'help'
try {
  opts = parseArgs(process.argv.slice(2))
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`)
  process.exit(2)
}
if (opts === 'help') {
  process.stdout.write(`${usage}\n\nbenchmarks:\n${benchmarks.map((b) => `  ${b.name.padEnd(12)} ${b.title}`).join('\n')}\n`)
  process.exit(0)
}
const interrupted = cleanUpOnSignals({ log, cleanup })
main(opts).then(
  async () => {
    await cleanup()
    log('done')
    process.exit(0)
  },
  async (err: Error) => {
    // Interrupted: stopping the children makes the running step fail; the signal handler exits.
    if (interrupted()) return
    process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`)
    await cleanup()
    process.exit(1)
  },
)
