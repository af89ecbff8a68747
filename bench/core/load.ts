import { spawnManaged, stopManaged, type Managed } from './children'

// Starts bench/load-generator.ts as its own process and collects its one result (over IPC).

export type ThroughputJob = { mode: 'throughput'; url: string; apiKey: string; connections: number; durationSec: number; tag: string }
export type PacedJob = {
  mode: 'paced'
  url: string
  apiKey: string
  ratePerSec: number
  durationSec: number
  tag: string
  /** Every probeEvery-th batch carries a probe event (0 = none). */
  probeEvery: number
  databaseUrl: string
  teamId: number
}
export type LoadJob = ThroughputJob | PacedJob

export type GeneratorCost = {
  /** Time to render one 500-event body from its template, measured before the run (µs). */
  renderMicros: number
  bodyBytes: number
  /** Template preparation at start-up, outside the measured window (ms). */
  templateMs: number
  /** CPU time of the whole generator process during the run, as % of one core. */
  cpuPercent: number
  /** Time spent rendering bodies during the run, as % of the run's wall time. */
  renderBusyPercent: number
}

export type ThroughputResult = {
  mode: 'throughput'
  durationSec: number
  requestsSent: number
  responses2xx: number
  acceptedEvents: number
  /** request seq → events the server said it accepted (2xx only). */
  acked: Record<string, number>
  statusCounts: Record<string, number>
  errors: number
  timeouts: number
  latencyMs: { p50: number; p97_5: number; p99: number; max: number }
  generator: GeneratorCost
}

export type PacedResult = {
  mode: 'paced'
  durationSec: number
  ratePerSec: number
  requests: { seq: number; status: number; latencyMs: number; lateMs: number }[]
  probes: { seq: number; ackToVisibleMs: number | null; sendToVisibleMs: number | null }[]
  generator: GeneratorCost
}

export type LoadResult<J extends LoadJob = LoadJob> = J extends ThroughputJob ? ThroughputResult : PacedResult

export type RunningLoad<J extends LoadJob> = { proc: Managed; started: Promise<void>; result: Promise<LoadResult<J>> }

/** Messages from the generator: {type:'start'} right before the measured window, then {type:'result'}. */
export type GeneratorMessage = { type: 'start' } | { type: 'result'; result: LoadResult }

export function startLoad<J extends LoadJob>(job: J): RunningLoad<J> {
  const proc = spawnManaged('load generator', process.execPath, ['--import', 'tsx', 'bench/load-generator.ts'], {
    env: { ...process.env, BENCH_LOAD: JSON.stringify(job) },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  })
  let stderr = ''
  proc.child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  let markStarted: () => void = () => undefined
  const started = new Promise<void>((resolve) => (markStarted = resolve))
  const result = new Promise<LoadResult<J>>((resolve, reject) => {
    let got: LoadResult<J> | undefined
    proc.child.on('message', (m: GeneratorMessage) => {
      if (m.type === 'start') markStarted()
      else got = m.result as LoadResult<J>
    })
    proc.child.once('exit', (code) => {
      markStarted()
      if (got) resolve(got)
      else reject(new Error(`load generator exited with ${code} without a result:\n${stderr.slice(-3000)}`))
    })
  })
  return { proc, started, result }
}

/** Runs one load job to its end; onStart fires (with the generator's pid) right before its measured window. */
export async function runLoad<J extends LoadJob>(job: J, hooks: { onStart?: (pid: number) => void } = {}): Promise<LoadResult<J>> {
  const running = startLoad(job)
  void running.started.then(() => hooks.onStart?.(running.proc.pid))
  try {
    return await running.result
  } finally {
    await stopManaged(running.proc, 2_000)
  }
}
