import { execFile } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Redis } from 'ioredis'
import pg from 'pg'
import { spawnManaged, stopManaged, type Managed } from '../../bench/core/children'

// The drills' own PostgreSQL and Redis, in a temporary directory on free ports, so a drill may stop,
// kill and restart them without touching the machine's shared servers. As root (CI), PostgreSQL runs
// as the `postgres` system user: initdb and the server refuse to run as root.

const run = promisify(execFile)

export function postgresBinDir(): string {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR
  const base = '/usr/lib/postgresql'
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a))
    if (versions[0]) return join(base, versions[0], 'bin')
  }
  throw new Error('no PostgreSQL server binaries found (initdb, pg_ctl); set PG_BIN_DIR to their directory')
}

const isRoot = () => process.getuid?.() === 0

/** Runs a PostgreSQL binary, as the postgres system user when we are root. */
async function pgTool(bin: string, tool: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const file = isRoot() ? 'runuser' : join(bin, tool)
  const argv = isRoot() ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args
  try {
    const { stdout, stderr } = await run(file, argv, { timeout: timeoutMs, cwd: '/' })
    return stdout + stderr
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string }
    throw new Error(`${tool} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`)
  }
}

export class DrillPostgres {
  readonly dataDir: string
  readonly socketDir: string
  readonly logFile: string
  private started = false

  constructor(
    readonly root: string,
    readonly port: number,
    readonly bin = postgresBinDir(),
  ) {
    this.dataDir = join(root, 'pg')
    this.socketDir = join(root, 'pg-socket')
    // Written by the postgres user, so inside a directory it owns.
    this.logFile = join(this.socketDir, 'postgres.log')
  }

  get serverUrl(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}`
  }

  async init(): Promise<void> {
    // The postgres user must be able to reach its directories inside our (root-owned) temp dir.
    chmodSync(this.root, 0o755)
    for (const d of [this.dataDir, this.socketDir]) mkdirSync(d, { recursive: true, mode: 0o700 })
    if (isRoot()) {
      const { uid, gid } = await postgresIds()
      for (const d of [this.dataDir, this.socketDir]) chownSync(d, uid, gid)
    }
    await pgTool(this.bin, 'initdb', ['-D', this.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'])
  }

  async start(): Promise<void> {
    const opts = [
      `-p ${this.port}`,
      `-k ${this.socketDir}`,
      '-c listen_addresses=127.0.0.1',
      '-c max_connections=300',
      '-c shared_buffers=128MB',
      '-c log_min_messages=warning',
    ].join(' ')
    await pgTool(this.bin, 'pg_ctl', ['-D', this.dataDir, '-l', this.logFile, '-o', opts, '-w', '-t', '60', 'start'], 90_000)
    this.started = true
  }

  /** fast: connections are told to go (57P01) and the server shuts down cleanly; immediate: like a crash. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await pgTool(this.bin, 'pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop'], 90_000)
    this.started = false
  }

  /** For the exit path: stops the server by its own pid (from postmaster.pid), without waiting. */
  killNow(): void {
    if (!this.started) return
    try {
      const pid = Number(readFileSync(join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
      if (pid > 0) process.kill(pid, 'SIGQUIT')
    } catch {
      /* not running */
    }
    this.started = false
  }

  async waitReady(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const c = new pg.Client({ connectionString: `${this.serverUrl}/postgres` })
      c.on('error', () => undefined)
      try {
        await c.connect()
        await c.query('SELECT 1')
        await c.end()
        return
      } catch (err) {
        await c.end().catch(() => undefined)
        if (Date.now() > deadline) throw new Error(`drill PostgreSQL on port ${this.port} not ready: ${(err as Error).message}`)
        await sleep(200)
      }
    }
  }
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const { stdout: u } = await run('id', ['-u', 'postgres'])
  const { stdout: g } = await run('id', ['-g', 'postgres'])
  return { uid: Number(u.trim()), gid: Number(g.trim()) }
}

/** Redis with the settings docs/scaling.md recommends for the queues: noeviction, AOF persistence. */
export class DrillRedis {
  private proc: Managed | undefined
  readonly dir: string

  constructor(
    readonly root: string,
    readonly port: number,
  ) {
    this.dir = join(root, 'redis')
    mkdirSync(this.dir, { recursive: true })
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`
  }

  get running(): boolean {
    return this.proc !== undefined && this.proc.child.exitCode === null && this.proc.child.signalCode === null
  }

  async start(): Promise<void> {
    this.proc = spawnManaged('redis-server', 'redis-server', [
      '--port', String(this.port),
      '--bind', '127.0.0.1',
      '--dir', this.dir,
      '--save', '',
      '--appendonly', 'yes',
      '--appendfsync', 'everysec',
      '--maxmemory-policy', 'noeviction',
      '--logfile', join(this.root, 'redis.log'),
      '--daemonize', 'no',
    ], { stdio: 'ignore' })
    const deadline = Date.now() + 30_000
    for (;;) {
      if (!this.running) throw new Error(`redis-server exited (${this.proc.child.exitCode}); see its log in ${this.root}`)
      const r = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
      r.on('error', () => undefined)
      try {
        await r.connect()
        // Loading the AOF answers -LOADING until done.
        if ((await r.ping()) === 'PONG') {
          r.disconnect()
          return
        }
      } catch {
        /* not yet */
      }
      r.disconnect()
      if (Date.now() > deadline) throw new Error(`redis-server on port ${this.port} did not answer within 30 s`)
      await sleep(100)
    }
  }

  /**
   * SIGTERM: Redis flushes its AOF and exits, as on a planned restart. wipe: its data goes too, as when
   * a Redis without persistence restarts or a failover lands on an empty replica.
   */
  async stop(opts: { wipe?: boolean } = {}): Promise<void> {
    if (this.proc) await stopManaged(this.proc, 10_000)
    this.proc = undefined
    if (opts.wipe) {
      rmSync(this.dir, { recursive: true, force: true })
      mkdirSync(this.dir, { recursive: true })
    }
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)))
