import { performance } from 'node:perf_hooks'
import autocannon, { type Result as AutocannonResult } from 'autocannon'
import type { FillResult } from '../core/fill'
import { prng } from '../core/events'
import { recordMemory } from '../core/memory-extra'
import { Monitor, postgresGroup, treeOf, type MonitorResult } from '../core/monitor'
import { fmtInt, fmtMs, fmtNum, fmtSpread, median, percentile, spread } from '../core/stats'
import type { Benchmark, BenchContext, Section } from '../core/types'

// Benchmark: POST /api/v1/route ("which model should this call use?") under load, through the built
// web server. A team with the demo "search" policy and API keys rotating per request (the per-key rate
// limit is not what is measured); 64 varied, valid request bodies (task, data class, latency budget,
// expected tokens, critical, candidates). Two loads per run: saturated (as fast as it answers) and
// paced at half that rate (the latency a caller sees below saturation). Baseline, same run and load:
// the same endpoint with a body that fails validation (422) — authentication, body parsing and the cached policy context, minus
// the advice itself. Also counts database transactions per request (a warm request should need none).
// When the filled database is there, GET /api/v1/advice (a GROUP BY over raw events) is timed too.

const CONNECTIONS = 8
const TASKS = ['chat', 'code', 'summarize', 'extract', 'classify', 'reasoning', 'math', 'realtime', 'translate', 'batch'] as const
const CLASSES = ['public', 'internal', 'confidential', 'restricted'] as const
const CANDIDATES = ['gpt-4o', 'deepseek-v3', 'claude-3-5-sonnet', 'llama-3.1-70b', 'o1', 'deepseek-r1', 'qwen2-0.5b']

type Load = { rps: number; p50: number; p99: number; non2xx: number; errors: number; txPerRequest: number; monitor: MonitorResult; requests: number }
type Run = { rate: number; pacedRoute: Load; pacedBase: Load; satRoute: Load; satBase: Load }

function bodies(n: number): string[] {
  const rnd = prng(4242)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T
  return Array.from({ length: n }, () => {
    const b: Record<string, unknown> = { task: pick(TASKS), data_class: pick(CLASSES) }
    if (rnd() < 0.5) b.expected_input_tokens = 200 + Math.floor(rnd() * 6000)
    if (rnd() < 0.5) b.expected_output_tokens = 50 + Math.floor(rnd() * 1500)
    if (rnd() < 0.3) b.latency_budget_ms = 500 + Math.floor(rnd() * 40_000)
    if (rnd() < 0.15) b.critical = true
    if (rnd() < 0.3) b.candidates = CANDIDATES.filter(() => rnd() < 0.5).concat('gpt-4o')
    return JSON.stringify(b)
  })
}

async function dbTransactions(ctx: BenchContext): Promise<number> {
  const { rows } = await ctx.lib.pool.query<{ n: string }>('SELECT (xact_commit + xact_rollback)::text AS n FROM pg_stat_database WHERE datname = current_database()')
  return Number(rows[0]?.n ?? NaN)
}

async function load(ctx: BenchContext, keys: string[], payloads: string[], opts: { seconds: number; rate?: number; expect: number; countTransactions?: boolean }): Promise<Load> {
  const url = `${ctx.config.baseUrl}/api/v1/route`
  let next = 0
  const monitor = new Monitor([{ name: 'web', pids: treeOf(() => ctx.web.pid), sampleMemory: true }, postgresGroup, { name: 'harness', pids: () => [process.pid] }], ctx.machine.cpus)
  const tx0 = opts.countTransactions ? await dbTransactions(ctx) : NaN
  monitor.start()
  let unexpected = 0
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: opts.seconds,
        timeout: 30,
        ...(opts.rate ? { overallRate: opts.rate } : {}),
        // Keys rotate per request (not what is measured: the per-key rate limit would be).
        requests: payloads.map((body) => ({
          method: 'POST',
          path: '/api/v1/route',
          body,
          setupRequest: (req) => ({ ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[next++ % keys.length]}` } }),
          onResponse: (status: number) => {
            if (status !== opts.expect) unexpected++
          },
        })),
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    )
  })
  const mon = monitor.stop()
  let tx1 = NaN
  if (opts.countTransactions) {
    await new Promise((r) => setTimeout(r, 1100)) // busy backends publish their statistics at least once a second
    tx1 = await dbTransactions(ctx)
  }
  const requests = result.requests.total
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: unexpected,
    errors: result.errors + result.timeouts,
    // − 1: the statement that read tx0 is itself counted in tx1.
    txPerRequest: Math.max(0, tx1 - tx0 - 1) / Math.max(1, requests),
    monitor: mon,
    requests,
  }
}

async function adviceApi(ctx: BenchContext, fill: FillResult, n: number): Promise<{ ms: number[]; calls: number } | null> {
  const biggest = [...fill.teams].sort((a, b) => b.weight - a.weight)[0]!
  const { key } = await ctx.lib.createApiKey(ctx.lib.prisma, { teamId: biggest.id, name: `bench-advice-${ctx.newTag()}`, actor: { name: 'bench' } })
  const ms: number[] = []
  let calls = 0
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    const res = await fetch(`${ctx.config.baseUrl}/api/v1/advice`, { headers: { authorization: `Bearer ${key}` } })
    const body = (await res.json()) as { totals?: { calls: number } }
    ms.push(performance.now() - t0)
    if (res.status !== 200) throw new Error(`route-advice: GET /api/v1/advice answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`)
    calls = body.totals?.calls ?? 0
  }
  return { ms, calls }
}

async function run(ctx: BenchContext): Promise<Section> {
  const app = await import('../core/app-lib')
  const { prisma } = ctx.lib
  const search = app.DEMO_TEAMS.find((t) => t.slug === 'search')!.policy
  const team = await prisma.team.create({ data: { slug: `bench-route-${ctx.newTag()}`, name: 'Benchmark route advice' } })
  await prisma.teamPolicy.create({
    data: {
      teamId: team.id,
      version: 1,
      allowedModels: search.allowedModels,
      blockedModels: search.blockedModels,
      localDataClasses: search.localDataClasses,
      defaultModels: search.defaultModels,
      maxPricePer1k: search.maxPricePer1k,
      monthlyBudget: search.monthlyBudget,
      alertThresholds: search.alertThresholds,
      critical: search.critical,
    },
  })
  const keys: string[] = []
  for (let i = 0; i < CONNECTIONS; i++) keys.push((await ctx.lib.createApiKey(prisma, { teamId: team.id, name: `bench-route-${i}`, actor: { name: 'bench' } })).key)
  const valid = bodies(64)
  const invalid = [JSON.stringify({ task: 'chat' })] // data_class missing: 422 after auth, body read and policy context

  // Every body once: all must be answered (and the key and policy caches are warm afterwards).
  for (const [i, body] of [...valid, ...invalid].entries()) {
    const res = await fetch(`${ctx.config.baseUrl}/api/v1/route`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[i % keys.length]}` }, body })
    const text = await res.text()
    const want = i < valid.length ? 200 : 422
    if (res.status !== want) throw new Error(`route-advice: body ${body} answered ${res.status} (expected ${want}): ${text.slice(0, 300)}`)
  }

  const seconds = ctx.opts.quick ? 2 : 10
  await load(ctx, keys, valid, { seconds: 1, expect: 200 }) // warm-up, not recorded (the first second under load runs colder code)
  const runs: Run[] = []
  // The worker takes no part in route advice; paused, its jobs do not blur the database count.
  ctx.pauseWorker()
  try {
    for (let k = 1; k <= ctx.opts.runs; k++) {
      const satRoute = await load(ctx, keys, valid, { seconds, expect: 200, countTransactions: true })
      const satBase = await load(ctx, keys, invalid, { seconds, expect: 422, countTransactions: true })
      // Paced at half of what this run could sustain: the latency a caller sees below saturation.
      const rate = Math.max(10, Math.round(satRoute.rps / 2))
      const pacedRoute = await load(ctx, keys, valid, { seconds, rate, expect: 200 })
      const pacedBase = await load(ctx, keys, invalid, { seconds, rate, expect: 422 })
      for (const l of [pacedRoute, pacedBase, satRoute, satBase]) {
        if (l.non2xx > 0 || l.errors > 0) throw new Error(`route-advice: ${l.non2xx} unexpected statuses, ${l.errors} errors/timeouts under load`)
      }
      ctx.log(
        `route-advice run ${k}/${ctx.opts.runs}: saturated ${fmtInt(satRoute.rps)} req/s (422 baseline ${fmtInt(satBase.rps)}); paced at ${rate}/s p50 ${fmtNum(pacedRoute.p50, 1)} ms p99 ${fmtNum(pacedRoute.p99, 1)} ms (baseline p50 ${fmtNum(pacedBase.p50, 1)} ms); ${fmtNum(satRoute.txPerRequest, 4)} db transactions/request`,
      )
      runs.push({ rate, pacedRoute, pacedBase, satRoute, satBase })
    }
  } finally {
    ctx.resumeWorker()
  }
  const rate = median(runs.map((r) => r.rate))

  const fill = ctx.shared.get('fill') as FillResult | undefined
  const advice = fill ? await adviceApi(ctx, fill, ctx.opts.quick ? 3 : 5) : null

  recordMemory(ctx, { label: `web server under saturated POST /api/v1/route (${CONNECTIONS} connections)`, runs: runs.map((r) => r.satRoute.monitor.groups.web!) })

  const s = (f: (r: Run) => number) => spread(runs.map(f))
  const ms1 = (v: number) => `${fmtNum(v, 1)} ms`
  const x = (v: number) => `${fmtNum(v, 2)}×`
  const row = (label: string, f: (r: Run) => Load, base: (r: Run) => Load) => [
    label,
    fmtSpread(s((r) => f(r).rps)),
    fmtSpread(s((r) => f(r).p50), ms1),
    fmtSpread(s((r) => f(r).p99), ms1),
    fmtSpread(s((r) => f(r).p50 / base(r).p50), x),
    fmtSpread(s((r) => f(r).txPerRequest), (v) => fmtNum(v, 3)),
    `${fmtNum(median(runs.map((r) => f(r).monitor.groups.web?.cpuPercent ?? NaN)), 0)}% / ${fmtNum(median(runs.map((r) => f(r).monitor.groups.postgres?.cpuPercent ?? NaN)), 0)}% / ${fmtNum(median(runs.map((r) => f(r).monitor.othersPercent)), 0)}%`,
  ]
  const tx = median(runs.map((r) => r.satRoute.txPerRequest))
  const tables: Section['tables'] = [
    {
      columns: ['load', 'req/s', 'p50', 'p99', 'p50 ratio to the 422 baseline', 'db transactions per request (saturated loads)', 'CPU web / postgres / others'],
      rows: [
        row(`route advice, paced at ½ of saturation (median ${fmtInt(rate)}/s)`, (r) => r.pacedRoute, (r) => r.pacedBase),
        row('422 baseline, same pace', (r) => r.pacedBase, (r) => r.pacedBase),
        row('route advice, saturated', (r) => r.satRoute, (r) => r.satBase),
        row('422 baseline, saturated', (r) => r.satBase, (r) => r.satBase),
      ],
    },
  ]
  if (advice) {
    tables.push({
      title: `GET /api/v1/advice (default: the last 30 days, the busiest team's key) on the filled database (${fmtInt(fill!.events)} events), one request at a time`,
      columns: ['requests', 'flagged calls in the answer', 'p50', 'max'],
      rows: [[fmtInt(advice.ms.length), fmtInt(advice.calls), fmtMs(median(advice.ms)), fmtMs(percentile(advice.ms, 100))]],
    })
  }
  return {
    about: `POST /api/v1/route through the production build (next start), ${CONNECTIONS} keep-alive connections from autocannon in the harness process, ${CONNECTIONS} API keys rotating per request (the per-key rate limit is not what is measured), 64 varied valid bodies for a team with the demo "search" policy. Saturated = as fast as the server answers; paced = autocannon's overall rate at half of that run's saturated route throughput; ${seconds} s each, ${ctx.opts.runs} runs, the worker paused. Baseline, same run, same load: the same endpoint with a body that fails validation (422). "db transactions per request" = the change in pg_stat_database (commits + rollbacks) of the benchmark database ÷ requests; it also counts the web server's cache refreshes, which do not depend on the request rate (API key, team policy, catalog and price caches expire after 5 s; last_used_at is written at most once a minute per key), so it is a small constant per second, not per request.`,
    goals: [
      { goal: 'no database round trip per warm route-advice request', met: tx < 0.5, detail: `${fmtNum(tx, 3)} transactions per request (saturated; one query per request would be ≥ 1)` },
      { goal: 'route advice p99 under paced load (no target set)', met: null, detail: fmtSpread(s((r) => r.pacedRoute.p99), ms1) },
    ],
    tables,
    notes: advice ? ['GET /api/v1/advice runs queryAdvice (lib/advisor/query-advice.ts): a GROUP BY over the period\'s flagged raw events with a price lookup per event, on every request; it is not load-tested here because each request costs that much.'] : [],
  }
}

export const routeAdvice: Benchmark = { name: 'route-advice', title: 'Route advice API under load', run }
