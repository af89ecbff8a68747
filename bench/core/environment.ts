import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import pg from 'pg'
import { startWeb as startApp, startWorker as startAppWorker, type AppProcess } from './app-processes'
import { runToEnd } from './children'

// The throwaway world a benchmark run lives in: its own database, its own BullMQ key prefix, its own
// build of the app (.next-bench), its own web server port and worker process. All of it goes at the end.

export const DIST_DIR = '.next-bench'
const LOG_DIR = '.run/bench'
export const PROFILE_DIR = '.run/bench/prof'

export type EnvironmentConfig = {
  serverUrl: string
  dbName: string
  databaseUrl: string
  redisUrl: string
  queuePrefix: string
  port: number
  baseUrl: string
  authSecret: string
}

export function makeConfig(port: number, reuseDb: string | null = null): EnvironmentConfig {
  const fromEnv = process.env.BENCH_DATABASE_SERVER ?? process.env.DATABASE_URL
  let serverUrl = 'postgresql://postgres@127.0.0.1:5432'
  if (fromEnv) {
    const u = new URL(fromEnv)
    u.pathname = ''
    u.search = ''
    serverUrl = u.toString().replace(/\/$/, '')
  }
  const dbName = reuseDb ?? `modelledger_bench_${process.pid}`
  const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
  return {
    serverUrl,
    dbName,
    databaseUrl: `${serverUrl}/${dbName}`,
    redisUrl,
    queuePrefix: `bench-${process.pid}-${randomBytes(3).toString('hex')}`,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    // next start runs with NODE_ENV=production, which refuses secrets under 32 bytes (lib/env.ts).
    authSecret: process.env.AUTH_SECRET && Buffer.byteLength(process.env.AUTH_SECRET) >= 32 ? process.env.AUTH_SECRET : randomBytes(24).toString('hex'),
  }
}

/** Variables every child (web, worker, migrate, build) gets: this run's database, Redis namespace, quiet logs. */
export function childEnv(c: Pick<EnvironmentConfig, 'databaseUrl' | 'redisUrl' | 'queuePrefix' | 'authSecret'>, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: c.databaseUrl,
    REDIS_URL: c.redisUrl,
    QUEUE_PREFIX: c.queuePrefix,
    LOG_LEVEL: 'warn',
    AUTH_SECRET: c.authSecret,
    NEXT_TELEMETRY_DISABLED: '1',
    ...extra,
  }
}

async function admin<T>(c: EnvironmentConfig, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${c.serverUrl}/postgres` })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => undefined)
  }
}

export async function createDatabase(c: EnvironmentConfig): Promise<void> {
  await admin(c, async (db) => {
    await db.query(`DROP DATABASE IF EXISTS "${c.dbName}" WITH (FORCE)`)
    await db.query(`CREATE DATABASE "${c.dbName}"`)
  })
}

export async function dropDatabase(c: EnvironmentConfig): Promise<void> {
  await admin(c, (db) => db.query(`DROP DATABASE IF EXISTS "${c.dbName}" WITH (FORCE)`))
}

export async function migrate(c: EnvironmentConfig): Promise<void> {
  // A fresh clone has no generated client until something generates it (npm test and npm run up do);
  // lib/db is loaded after this, so generating here is early enough.
  await runToEnd('prisma generate', 'npx', ['prisma', 'generate'], { env: childEnv(c) })
  await runToEnd('prisma migrate deploy', 'npx', ['prisma', 'migrate', 'deploy'], { env: childEnv(c) })
}

export async function redisInfo(c: EnvironmentConfig): Promise<string> {
  const r = new Redis(c.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 })
  try {
    await r.connect()
    return /redis_version:(\S+)/.exec(await r.info('server'))?.[1] ?? '?'
  } finally {
    r.disconnect()
  }
}

/** Deletes this run's BullMQ keys (everything under its unique prefix). */
export async function clearRedis(c: EnvironmentConfig): Promise<number> {
  const r = new Redis(c.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 })
  let n = 0
  try {
    await r.connect()
    let cursor = '0'
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${c.queuePrefix}:*`, 'COUNT', 1000)
      cursor = next
      if (keys.length) n += await r.del(...keys)
    } while (cursor !== '0')
  } finally {
    r.disconnect()
  }
  return n
}

// ---- the build -------------------------------------------------------------------------------------

const BUILD_INPUTS = ['app', 'lib', 'components', 'auth.ts', 'proxy.ts', 'next.config.js', 'package-lock.json', 'prisma/schema.prisma', 'postcss.config.mjs', 'tsconfig.json']

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const st = statSync(path)
  if (!st.isDirectory()) return /\.(test|spec)\.tsx?$/.test(path) ? 0 : st.mtimeMs
  let newest = 0
  for (const name of readdirSync(path)) {
    if (name.startsWith('.') || name === 'node_modules') continue
    newest = Math.max(newest, newestMtime(join(path, name)))
  }
  return newest
}

export function buildState(): { exists: boolean; stale: boolean; builtAt: number; sourcesAt: number } {
  const id = join(DIST_DIR, 'BUILD_ID')
  const builtAt = existsSync(id) ? statSync(id).mtimeMs : 0
  const sourcesAt = Math.max(...BUILD_INPUTS.map(newestMtime))
  return { exists: builtAt > 0, stale: builtAt < sourcesAt, builtAt, sourcesAt }
}

/**
 * `next build` into another distDir rewrites tsconfig.json (adds .next-bench/types to "include") and
 * next-env.d.ts (imports .next-bench/types). Both are shared with everyone else's type checks: put them
 * back exactly (content and mtime) when the only change is that one.
 */
export function guardSharedFiles(): { restore: () => string[] } {
  const files = ['tsconfig.json', 'next-env.d.ts'].filter((f) => existsSync(f))
  const saved = files.map((f) => ({ f, text: readFileSync(f, 'utf8'), mtime: statSync(f).mtime }))
  let done = false
  return {
    restore() {
      if (done) return []
      done = true
      const notes: string[] = []
      for (const s of saved) {
        const now = readFileSync(s.f, 'utf8')
        if (now === s.text) continue
        let onlyOurs = false
        if (s.f === 'tsconfig.json') {
          try {
            const cur = JSON.parse(now) as { include?: string[] }
            cur.include = cur.include?.filter((p) => !p.includes(DIST_DIR))
            onlyOurs = JSON.stringify(cur) === JSON.stringify(JSON.parse(s.text))
          } catch {
            onlyOurs = false
          }
        } else {
          onlyOurs = now.includes(`${DIST_DIR}/`) && !s.text.includes(`${DIST_DIR}/`)
        }
        if (onlyOurs) {
          writeFileSync(s.f, s.text)
          utimesSync(s.f, s.mtime, s.mtime)
          notes.push(`restored ${s.f} (next build had pointed it at ${DIST_DIR})`)
        } else {
          notes.push(`WARNING: ${s.f} changed during the build in other ways too; left as it is — check it for ${DIST_DIR} entries`)
        }
      }
      return notes
    },
  }
}

/**
 * `next build` in its two halves, compile then generate: the same production build minus the type check.
 * The type check is `npm run typecheck`'s job, and in a tree many people edit at once a type error in an
 * unrelated file (an e2e spec, say) must not stop a benchmark. It also leaves tsconfig.json alone.
 */
export async function build(c: EnvironmentConfig, log: (s: string) => void): Promise<void> {
  const guard = guardSharedFiles()
  activeGuard = guard
  try {
    for (const mode of ['compile', 'generate']) {
      await runToEnd(`next build (${mode})`, process.execPath, ['node_modules/next/dist/bin/next', 'build', `--experimental-build-mode=${mode}`], {
        env: childEnv(c, { NEXT_DIST_DIR: DIST_DIR, NODE_ENV: 'production' }),
      })
    }
  } finally {
    for (const n of guard.restore()) log(n)
    activeGuard = undefined
  }
}

let activeGuard: { restore: () => string[] } | undefined
/** For the Ctrl-C path: a build interrupted half-way has already rewritten the shared files. */
export function restoreSharedFilesNow(): string[] {
  return activeGuard?.restore() ?? []
}

// ---- processes -------------------------------------------------------------------------------------

function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port })
    s.once('connect', () => {
      s.destroy()
      resolve(true)
    })
    s.once('error', () => resolve(false))
  })
}

export async function freePort(from: number): Promise<number> {
  for (let p = from; p < from + 50; p++) if (!(await portTaken(p))) return p
  throw new Error(`no free port in ${from}..${from + 49}`)
}

/** Counts lines of a child's log file containing `needle`, written after mark() was called. */
export function logCounter(name: string, needle: string): { mark: () => () => number } {
  const path = join(LOG_DIR, name)
  const size = () => (existsSync(path) ? statSync(path).size : 0)
  return {
    mark() {
      const from = size()
      return () => {
        if (!existsSync(path)) return 0
        const text = readFileSync(path).subarray(from).toString('utf8')
        let n = 0
        for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) n++
        return n
      }
    },
  }
}

/** Node flags that make a child write a V8 CPU profile into PROFILE_DIR when it exits. */
export function profileFlags(name: string): string[] {
  mkdirSync(PROFILE_DIR, { recursive: true })
  return ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${name}-${process.pid}.cpuprofile`]
}

export function startWeb(c: EnvironmentConfig, nodeFlags: string[] = []): Promise<AppProcess> {
  return startApp({ name: 'web', env: childEnv(c), logDir: LOG_DIR, log: 'fresh', nodeFlags, port: c.port, distDir: DIST_DIR })
}

export function startWorker(c: EnvironmentConfig, nodeFlags: string[] = []): Promise<AppProcess> {
  return startAppWorker({ name: 'worker', env: childEnv(c), logDir: LOG_DIR, log: 'fresh', nodeFlags })
}
