import { createWriteStream, mkdirSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { spawnManaged, stopManaged, type Managed } from '../../bench/core/children'
import { childEnv } from '../../bench/core/environment'
import { sleep } from './services'

// The app as it runs in production: `next start` web processes on the built dist dir and
// `tsx workers/index.ts` worker processes, every one with the drills' database, Redis and queue prefix.

export type AppConfig = {
  databaseUrl: string
  redisUrl: string
  queuePrefix: string
  authSecret: string
  distDir: string
  logDir: string
}

export type AppProcess = Managed & { name: string; kind: 'web' | 'worker'; port?: number; url?: string }

export function appEnv(c: AppConfig, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // The drills measure recovery, not the per-key limiter: keep it out of the way of the load.
  return childEnv(c, { RATE_LIMIT_PER_KEY_PER_SECOND: '10000', RATE_LIMIT_BURST: '10000', ...extra })
}

export function isAlive(p: AppProcess): boolean {
  return p.child.exitCode === null && p.child.signalCode === null
}

export async function startWeb(c: AppConfig, name: string, port: number): Promise<AppProcess> {
  mkdirSync(c.logDir, { recursive: true })
  const out = openSync(join(c.logDir, `${name}.log`), 'a')
  const url = `http://127.0.0.1:${port}`
  const m = spawnManaged(name, process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: appEnv(c, { NODE_ENV: 'production', NEXT_DIST_DIR: c.distDir, PORT: String(port), AUTH_URL: url }),
    stdio: ['ignore', out, out],
  })
  const p: AppProcess = { ...m, name, kind: 'web', port, url }
  const deadline = Date.now() + 120_000
  for (;;) {
    if (!isAlive(p)) throw new Error(`${name} exited with ${p.child.exitCode ?? p.child.signalCode}; see ${c.logDir}/${name}.log`)
    try {
      const res = await fetch(`${url}/api/v1/openapi.json`)
      await res.arrayBuffer()
      if (res.status < 500) return p
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stopManaged(p)
      throw new Error(`${name} did not answer within 120 s; see ${c.logDir}/${name}.log`)
    }
    await sleep(250)
  }
}

export async function startWorker(c: AppConfig, name: string): Promise<AppProcess> {
  mkdirSync(c.logDir, { recursive: true })
  const log = createWriteStream(join(c.logDir, `${name}.log`), { flags: 'a' })
  const m = spawnManaged(name, process.execPath, ['--import', 'tsx', 'workers/index.ts'], {
    env: appEnv(c),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const p: AppProcess = { ...m, name, kind: 'worker' }
  m.child.stderr!.pipe(log)
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not print "worker ready" within 90 s: ${output.slice(-2000)}`)), 90_000)
    const onData = (d: Buffer) => {
      log.write(d)
      output += d.toString()
      if (output.includes('worker ready')) {
        clearTimeout(timer)
        m.child.off('exit', onExit)
        resolve()
      }
    }
    const onExit = (code: number | null) => {
      clearTimeout(timer)
      reject(new Error(`${name} exited with ${code} before it was ready: ${output.slice(-2000)}`))
    }
    m.child.stdout!.on('data', onData)
    m.child.once('exit', onExit)
  })
  return p
}

/** SIGKILL to the worker's process group: no shutdown hook runs, its open transaction is cut. */
export function killNow(p: AppProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => (isAlive(p) ? p.child.once('exit', () => resolve()) : resolve()))
  try {
    process.kill(-p.pid, 'SIGKILL')
  } catch {
    try {
      process.kill(p.pid, 'SIGKILL')
    } catch {
      /* gone */
    }
  }
  return exited
}

export async function stopApp(p: AppProcess): Promise<void> {
  await stopManaged(p, 15_000)
}
