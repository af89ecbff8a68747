// The load generator: a SEPARATE process (spawned by the harness with `node --import tsx`), so that
// building and sending requests never shares a CPU thread with the harness or the server.
// Reads its job from the BENCH_LOAD environment variable (JSON), reports one result over IPC.
//
//   throughput: autocannon, N connections, as fast as the server answers, for D seconds.
//   paced:      a fixed request rate (own paced loop on a keep-alive agent); every k-th batch carries
//               a probe event whose model name gets its own rollups_hourly row, polled after the 2xx
//               to measure 2xx → visible-in-rollups end to end.
import http from 'node:http'
import { performance } from 'node:perf_hooks'
import autocannon, { type Result as AutocannonResult } from 'autocannon'
import pg from 'pg'
import { BodyTemplates, probeModel, SEQ_DIGITS } from './core/events'
import { postUsage } from './core/post-usage'
import type { GeneratorMessage, LoadJob, LoadResult, PacedJob, PacedResult, ThroughputJob, ThroughputResult } from './core/load'

function measureRender(t: BodyTemplates): number {
  const n = 300
  const start = performance.now()
  for (let i = 0; i < n; i++) t.render(9_000_000 + i)
  return ((performance.now() - start) * 1000) / n
}

function cpuPercent(start: NodeJS.CpuUsage, wallMs: number): number {
  const d = process.cpuUsage(start)
  return ((d.user + d.system) / 1000 / wallMs) * 100
}

function parseAck(body: string): { seq: number; accepted: number } | null {
  const head = body.slice(0, 400)
  const acc = /"accepted":(\d+)/.exec(head)
  const id = new RegExp(`"id":"[a-z0-9]+-(\\d{${SEQ_DIGITS}})-`).exec(head)
  if (!acc || !id) return null
  return { seq: Number(id[1]), accepted: Number(acc[1]) }
}

async function runThroughput(job: ThroughputJob): Promise<ThroughputResult> {
  const t0 = performance.now()
  const templates = new BodyTemplates(job.tag)
  const templateMs = performance.now() - t0
  const renderMicros = measureRender(templates)
  let seq = 0
  let renderNs = 0n
  let sent = 0
  const acked: Record<string, number> = {}
  let acceptedEvents = 0
  const statusCounts: Record<string, number> = {}
  await send({ type: 'start' })
  const cpu0 = process.cpuUsage()
  const wall0 = performance.now()
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    autocannon(
      {
        url: job.url,
        connections: job.connections,
        duration: job.durationSec,
        timeout: 60,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${job.apiKey}` },
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              const s = process.hrtime.bigint()
              req.body = templates.render(seq++)
              renderNs += process.hrtime.bigint() - s
              sent++
              return req
            },
            onResponse: (status, body) => {
              statusCounts[status] = (statusCounts[status] ?? 0) + 1
              if (status < 200 || status >= 300) return
              const ack = parseAck(body)
              if (!ack) return
              acked[ack.seq] = ack.accepted
              acceptedEvents += ack.accepted
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    )
  })
  const wallMs = performance.now() - wall0
  return {
    mode: 'throughput',
    durationSec: result.duration,
    requestsSent: sent,
    responses2xx: result['2xx'],
    acceptedEvents,
    acked,
    statusCounts,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
    generator: {
      renderMicros,
      bodyBytes: templates.bodyBytes,
      templateMs,
      cpuPercent: cpuPercent(cpu0, wallMs),
      renderBusyPercent: (Number(renderNs) / 1e6 / wallMs) * 100,
    },
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)))

async function runPaced(job: PacedJob): Promise<PacedResult> {
  const t0 = performance.now()
  const templates = new BodyTemplates(job.tag)
  const templateMs = performance.now() - t0
  const renderMicros = measureRender(templates)
  const url = new URL(job.url)
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
  const db = new pg.Pool({ connectionString: job.databaseUrl, max: 4 })
  const total = Math.max(1, Math.round(job.ratePerSec * job.durationSec))
  const interval = 1000 / job.ratePerSec
  const requests: PacedResult['requests'] = []
  const probes: PacedResult['probes'] = []
  const pending: Promise<void>[] = []
  let renderMs = 0

  const pollVisible = async (model: string, ackAt: number): Promise<number | null> => {
    const deadline = ackAt + 30_000
    while (performance.now() < deadline) {
      const { rowCount } = await db.query('SELECT 1 FROM rollups_hourly WHERE team_id = $1 AND model_key = $2 LIMIT 1', [job.teamId, model])
      if (rowCount) return performance.now()
      await sleep(10)
    }
    return null
  }

  await send({ type: 'start' })
  const cpu0 = process.cpuUsage()
  const start = performance.now()
  for (let seq = 0; seq < total; seq++) {
    const due = start + seq * interval
    const wait = due - performance.now()
    if (wait > 1) await sleep(wait)
    const isProbe = job.probeEvery > 0 && seq % job.probeEvery === job.probeEvery - 1
    const r0 = performance.now()
    const body = templates.render(seq, isProbe)
    renderMs += performance.now() - r0
    const sentAt = performance.now()
    const lateMs = sentAt - due
    pending.push(
      postUsage(agent, url, job.apiKey, body).then(async (answer) => {
        const status = Number(answer.status) || 0 // 0: no HTTP answer (network error, timeout)
        const ackAt = performance.now()
        requests.push({ seq, status, latencyMs: ackAt - sentAt, lateMs })
        if (isProbe && status >= 200 && status < 300) {
          const seenAt = await pollVisible(probeModel(job.tag, seq), ackAt)
          probes.push({ seq, ackToVisibleMs: seenAt === null ? null : seenAt - ackAt, sendToVisibleMs: seenAt === null ? null : seenAt - sentAt })
        }
      }),
    )
  }
  await Promise.all(pending)
  const wallMs = performance.now() - start
  agent.destroy()
  await db.end()
  return {
    mode: 'paced',
    durationSec: wallMs / 1000,
    ratePerSec: job.ratePerSec,
    requests: requests.sort((a, b) => a.seq - b.seq),
    probes: probes.sort((a, b) => a.seq - b.seq),
    generator: { renderMicros, bodyBytes: templates.bodyBytes, templateMs, cpuPercent: cpuPercent(cpu0, wallMs), renderBusyPercent: (renderMs / wallMs) * 100 },
  }
}

function send(m: GeneratorMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send) process.send(m, () => resolve())
    else {
      if (m.type === 'result') process.stdout.write(`${JSON.stringify(m.result)}\n`)
      resolve()
    }
  })
}

async function main(): Promise<void> {
  const raw = process.env.BENCH_LOAD
  if (!raw) throw new Error('BENCH_LOAD (the job, as JSON) is not set; this process is started by bench/index.ts')
  const job = JSON.parse(raw) as LoadJob
  const result: LoadResult = job.mode === 'throughput' ? await runThroughput(job) : await runPaced(job)
  await send({ type: 'result', result })
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`load generator failed: ${(err as Error).stack ?? String(err)}\n`)
    process.exit(1)
  },
)
