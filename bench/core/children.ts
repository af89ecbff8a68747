import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

// Every process the harness starts is registered here and always ended on exit or Ctrl-C — by its own
// id (each child leads its own process group, so a server's helpers go with it), never by name.

export type Managed = { label: string; child: ChildProcess; pid: number }

const alive = new Map<number, Managed>()

export function spawnManaged(label: string, command: string, args: string[], opts: SpawnOptions): Managed {
  const child = spawn(command, args, { ...opts, detached: true })
  if (child.pid === undefined) throw new Error(`could not start ${label} (${command})`)
  const m: Managed = { label, child, pid: child.pid }
  alive.set(m.pid, m)
  child.once('exit', () => alive.delete(m.pid))
  return m
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal)
  } catch {
    try {
      process.kill(pid, signal)
    } catch {
      /* already gone */
    }
  }
}

/** SIGTERM (SIGCONT first, in case it was paused), then SIGKILL after graceMs. */
export async function stopManaged(m: Managed, graceMs = 10_000): Promise<void> {
  if (m.child.exitCode !== null || m.child.signalCode !== null) {
    alive.delete(m.pid)
    return
  }
  const exited = new Promise<void>((resolve) => m.child.once('exit', () => resolve()))
  signalGroup(m.pid, 'SIGCONT')
  signalGroup(m.pid, 'SIGTERM')
  const timer = setTimeout(() => signalGroup(m.pid, 'SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
  // Helpers of the child that outlived it (same group) go too.
  signalGroup(m.pid, 'SIGKILL')
  alive.delete(m.pid)
}

export async function stopAll(): Promise<void> {
  await Promise.all([...alive.values()].map((m) => stopManaged(m, 5_000)))
}

/** Last resort from a synchronous 'exit' handler: no waiting possible. */
export function killAllNow(): void {
  for (const m of alive.values()) {
    signalGroup(m.pid, 'SIGCONT')
    signalGroup(m.pid, 'SIGKILL')
  }
  alive.clear()
}

/**
 * SIGINT / SIGTERM / SIGHUP run `cleanup` and exit 130; a second signal, or an exit by any other path,
 * kills every child at once (and runs `alsoNow`, which must be synchronous). Returns whether a signal came.
 */
export function cleanUpOnSignals(opts: { log: (msg: string) => void; cleanup: () => Promise<void>; alsoNow?: () => void }): () => boolean {
  let interrupted = false
  const now = () => {
    killAllNow()
    opts.alsoNow?.()
  }
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) {
      now()
      process.exit(130)
    }
    interrupted = true
    opts.log(`${signal}: cleaning up (again to force)`)
    void opts.cleanup().finally(() => process.exit(130))
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  process.on('SIGHUP', onSignal)
  process.on('exit', now)
  return () => interrupted
}

export function pause(m: Managed): void {
  signalGroup(m.pid, 'SIGSTOP')
}

export function resume(m: Managed): void {
  signalGroup(m.pid, 'SIGCONT')
}

/** Runs a command to completion (registered, so Ctrl-C ends it too); rejects with its output on failure. */
export async function runToEnd(label: string, command: string, args: string[], opts: SpawnOptions & { echo?: boolean } = {}): Promise<string> {
  const m = spawnManaged(label, command, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const onData = (d: Buffer) => {
    out += d.toString()
    if (opts.echo) process.stdout.write(d)
  }
  m.child.stdout!.on('data', onData)
  m.child.stderr!.on('data', onData)
  const code = await new Promise<number | null>((resolve) => m.child.once('exit', (c) => resolve(c)))
  if (code !== 0) throw new Error(`${label} failed (exit ${code}):\n${out.split('\n').slice(-40).join('\n')}`)
  return out
}

/** pid and all its descendants (from /proc/<pid>/task/<tid>/children). */
export function processTree(pid: number): number[] {
  const out: number[] = []
  const stack = [pid]
  while (stack.length) {
    const p = stack.pop() as number
    out.push(p)
    try {
      for (const tid of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8').trim()
        if (kids) for (const k of kids.split(/\s+/)) stack.push(Number(k))
      }
    } catch {
      /* gone, or no children file */
    }
  }
  return out
}
