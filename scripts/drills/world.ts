import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Queue } from 'bullmq'
import pg from 'pg'
import { runToEnd } from '../../bench/core/children'
import { freePort } from '../../bench/core/environment'
import { isAlive, startWeb, startWorker, stopApp, type AppConfig, type AppProcess } from './app-processes'
import { DrillPostgres, DrillRedis } from './services'

// Everything one `npm run drills` lives in: its own PostgreSQL and Redis (temp dir, free ports), a
// migrated database, the catalog seeded, and the app's web and worker processes. All of it goes at exit.

export type Lib = typeof import('./lib')

export type World = {
  root: string
  postgres: DrillPostgres
  redis: DrillRedis
  app: AppConfig
  /** The drills' own connection pool (checks, fault detection); survives PostgreSQL restarts. */
  pool: pg.Pool
  lib: Lib
  webs: AppProcess[]
  workers: AppProcess[]
  nextPort: number
  rollupQueue: Queue
}

export type WorldOptions = { distDir: string; logDir: string; log: (s: string) => void; keep: boolean }

let current: { postgres?: DrillPostgres; root?: string; keep?: boolean } = {}

export async function createWorld(o: WorldOptions): Promise<World> {
  const root = mkdtempSync(join(tmpdir(), 'modelledger-drills-'))
  current = { root, keep: o.keep }
  const pgPort = await freePort(35_400)
  const postgres = new DrillPostgres(root, pgPort)
  current.postgres = postgres
  o.log(`PostgreSQL (${postgres.bin}): initdb + start on port ${pgPort}`)
  await postgres.init()
  await postgres.start()
  await postgres.waitReady()
  const redis = new DrillRedis(root, await freePort(pgPort + 1))
  await redis.start()
  o.log(`Redis on port ${redis.port} (appendonly yes, noeviction)`)

  const databaseUrl = `${postgres.serverUrl}/modelledger_drills`
  const admin = new pg.Client({ connectionString: `${postgres.serverUrl}/postgres` })
  await admin.connect()
  await admin.query('CREATE DATABASE modelledger_drills')
  await admin.end()

  const app: AppConfig = {
    databaseUrl,
    redisUrl: redis.url,
    queuePrefix: `drills-${randomBytes(3).toString('hex')}`,
    authSecret: randomBytes(24).toString('hex'),
    distDir: o.distDir,
    logDir: o.logDir,
  }
  o.log('prisma migrate deploy')
  await runToEnd('prisma migrate deploy', 'npx', ['prisma', 'migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: databaseUrl } })

  // lib/env reads these when lib/ is first imported.
  process.env.DATABASE_URL = databaseUrl
  process.env.REDIS_URL = redis.url
  process.env.QUEUE_PREFIX = app.queuePrefix
  process.env.LOG_LEVEL = 'error'
  const lib = await import('./lib')
  // This process outlives PostgreSQL restarts: an idle client cut by the server must not crash it.
  lib.pool.on('error', () => undefined)
  await lib.seedCatalog(lib.prisma)

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 6 })
  pool.on('error', () => undefined)

  const { redisConnection } = lib
  const rollupQueue = new Queue('rollup', { connection: redisConnection(), prefix: app.queuePrefix })
  rollupQueue.on('error', () => undefined)

  const world: World = { root, postgres, redis, app, pool, lib, webs: [], workers: [], nextPort: await freePort(pgPort + 10), rollupQueue }
  o.log('starting web-1 and worker-1')
  await Promise.all([addWeb(world), addWorker(world)])
  return world
}

export async function addWeb(w: World): Promise<AppProcess> {
  const port = await freePort(w.nextPort)
  w.nextPort = port + 1
  const p = await startWeb(w.app, `web-${w.webs.length + 1}`, port)
  w.webs.push(p)
  return p
}

export async function addWorker(w: World): Promise<AppProcess> {
  const p = await startWorker(w.app, `worker-${w.workers.length + 1}`)
  w.workers.push(p)
  return p
}

/** Stops processes beyond the first web and the first worker (after a drill that added some). */
export async function trimTo(w: World, webs: number, workers: number): Promise<void> {
  const extra = [...w.webs.splice(webs), ...w.workers.splice(workers)]
  await Promise.all(extra.map(stopApp))
}

export function deadProcesses(w: World): string[] {
  return [...w.webs, ...w.workers].filter((p) => !isAlive(p)).map((p) => `${p.name} exited (${p.child.exitCode ?? p.child.signalCode})`)
}

/** A team of its own and a key for one drill: its rows are counted apart from every other drill's. */
export async function newTeam(w: World, drill: string): Promise<{ teamId: number; apiKey: string; tag: string }> {
  const tag = `${drill}${randomBytes(3).toString('hex')}`
  const team = await w.lib.prisma.team.create({ data: { slug: `drill-${tag}`, name: `Drill ${drill}` } })
  const { key } = await w.lib.createApiKey(w.lib.prisma, { teamId: team.id, name: 'drills', actor: { name: 'drills' } })
  return { teamId: team.id, apiKey: key, tag }
}

export async function destroyWorld(w: World | undefined, log: (s: string) => void): Promise<void> {
  if (w) {
    await Promise.all([...w.webs, ...w.workers].map(stopApp))
    await w.rollupQueue.close().catch(() => undefined)
    await w.pool.end().catch(() => undefined)
    await w.lib.disconnectDb().catch(() => undefined)
    await w.redis.stop().catch(() => undefined)
  }
  if (current.postgres) await current.postgres.stop('fast').catch(() => current.postgres?.killNow())
  if (current.root) {
    if (current.keep) log(`kept ${current.root} (PostgreSQL data, Redis AOF, server logs)`)
    else rmSync(current.root, { recursive: true, force: true })
  }
  current = {}
}

/** Synchronous last resort from process.on('exit'). */
export function destroyWorldNow(): void {
  current.postgres?.killNow()
  if (current.root && !current.keep) rmSync(current.root, { recursive: true, force: true })
}
