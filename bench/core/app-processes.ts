import { createWriteStream, mkdirSync, openSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { spawnManaged, stopManaged, type Managed } from './children'

// The app as it runs in production, for the benchmarks and the drills alike: a `next start` web
// process on a built dist dir and a `tsx workers/index.ts` worker, each logging to <logDir>/<name>.log.
// The caller passes the whole environment (its database, Redis, queue prefix: childEnv in ./environment).

export type AppProcess = Managed & { name: string; kind: 'web' | 'worker'; port?: number; url?: string }

export type AppProcessOptions = {
  /** Label and log file name (<logDir>/<name>.log). */
  name: string
  env: NodeJS.ProcessEnv
  logDir: string
  /** 'fresh' empties the log first (a benchmark run); 'append' keeps it (a drill restarting a process). */
  log?: 'fresh' | 'append'
  /** Node flags before the entry point, e.g. --cpu-prof. */
  nodeFlags?: string[]
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function isAlive(p: Managed): boolean {
  return p.child.exitCode === null && p.child.signalCode === null
}

function openLog(o: AppProcessOptions): string {
  mkdirSync(o.logDir, { recursive: true })
  const path = join(o.logDir, `${o.name}.log`)
  if (o.log === 'fresh') writeFileSync(path, '')
  return path
}

/** Starts `next start` on 127.0.0.1:port and resolves once it answers (the OpenAPI document, < 500). */
export async function startWeb(o: AppProcessOptions & { port: number; distDir: string }): Promise<AppProcess> {
  const path = openLog(o)
  const out = openSync(path, 'a')
  const url = `http://127.0.0.1:${o.port}`
  const m = spawnManaged(o.name, process.execPath, [...(o.nodeFlags ?? []), 'node_modules/next/dist/bin/next', 'start', '-p', String(o.port), '-H', '127.0.0.1'], {
    env: { ...o.env, NODE_ENV: 'production', NEXT_DIST_DIR: o.distDir, PORT: String(o.port), AUTH_URL: url },
    stdio: ['ignore', out, out],
  })
  const p: AppProcess = { ...m, name: o.name, kind: 'web', port: o.port, url }
  const deadline = Date.now() + 120_000
  for (;;) {
    if (!isAlive(p)) throw new Error(`${o.name} exited with ${p.child.exitCode ?? p.child.signalCode}; see ${path}`)
    try {
      const res = await fetch(`${url}/api/v1/openapi.json`)
      await res.arrayBuffer()
      if (res.status < 500) return p
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stopManaged(p)
      throw new Error(`${o.name} did not answer within 120 s; see ${path}`)
    }
    await sleep(250)
  }
}

/** Starts the worker and resolves once it prints "worker ready". */
export async function startWorker(o: AppProcessOptions): Promise<AppProcess> {
  const path = openLog(o)
  const log = createWriteStream(path, { flags: 'a' })
  const m = spawnManaged(o.name, process.execPath, [...(o.nodeFlags ?? []), '--import', 'tsx', 'workers/index.ts'], {
    env: o.env,
    stdio: ['ignore', 'pipe', openSync(path, 'a')],
  })
  const p: AppProcess = { ...m, name: o.name, kind: 'worker' }
  let output = ''
  m.child.stdout!.on('data', (d: Buffer) => {
    log.write(d)
    if (output.length < 100_000) output += d.toString()
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${o.name} did not print "worker ready" within 90 s: ${output.slice(-2000)}; see ${path}`)), 90_000)
    const onExit = (code: number | null) => {
      clearTimeout(timer)
      reject(new Error(`${o.name} exited with ${code} before it was ready: ${output.slice(-2000)}; see ${path}`))
    }
    const check = () => {
      if (!output.includes('worker ready')) return
      clearTimeout(timer)
      m.child.off('exit', onExit)
      m.child.stdout!.off('data', check)
      resolve()
    }
    m.child.stdout!.on('data', check)
    m.child.once('exit', onExit)
  })
  return p
}

/** SIGKILL to the process group: no shutdown hook runs, an open transaction is cut. */
export function killNow(p: Managed): Promise<void> {
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

export async function stopApp(p: Managed): Promise<void> {
  await stopManaged(p, 15_000)
}
