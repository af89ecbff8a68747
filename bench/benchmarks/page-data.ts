import { performance } from 'node:perf_hooks'
import type pg from 'pg'
import { ensureFilled, type FillResult } from '../core/fill'
import { Monitor, postgresGroup, type MonitorResult } from '../core/monitor'
import { firstDifference, instrumentPool, plain, rawDailyRewriter, type QueryLog, type TwinStats } from '../core/raw-twin'
import { fmtInt, fmtMs, fmtNum, fmtSpread, median, percentile, spread } from '../core/stats'
import type { Benchmark, BenchContext, Section } from '../core/types'

// Benchmark: the server-side data of each dashboard page on the filled database (--events). Each page's
// loaders are called exactly as app/(app)/<page>/page.tsx calls them (same functions, same arguments,
// same Promise.all), timed from the first query to the last. Baseline, same run: the same loaders with
// the day rollups (rollups_daily, rollups_profile_daily) replaced by a GROUP BY over raw usage_events
// (core/raw-twin.ts); their results must be equal, or the bench fails — the ratio compares two ways of
// computing the same page. Both sides are warmed once and the ratio compares medians of the same number
// of samples (a cold single baseline against a warm median would flatter the rollups).

type App = typeof import('../core/app-lib')
type Side = { db: pg.Pool; raw: boolean }
type Page = { name: string; label: string; load: (side: Side, now: Date) => Promise<unknown> }

const GOAL_P95_MS = 50
const GOAL_RATIO = 100
const PAGE_BUDGET_MS = 30_000

function pages(ctx: BenchContext, app: App, fill: FillResult, busiestModel: { id: number; slug: string }): Page[] {
  const { prisma } = ctx.lib
  const biggest = [...fill.teams].sort((a, b) => b.weight - a.weight)[0]!
  return [
    {
      name: 'spend',
      label: '/spend (finance: all teams, month to date)',
      load: async ({ db }, now) => {
        const month = app.utcMonthOf(now)
        const teamIds = 'all' as const
        const view = { from: month.firstDay, to: app.toUtcDay(now), teamIds }
        const [overview, budgets, modelOptions, teams] = await Promise.all([
          app.loadSpendOverview(db, view),
          app.listBudgetStatuses(db, view.teamIds, now),
          app.querySpend(db, { from: view.from, to: view.to, teamIds: view.teamIds, groupBy: ['model'] }),
          prisma.team.findMany({ select: { id: true, slug: true, name: true }, orderBy: { slug: 'asc' } }),
        ])
        return { overview, budgets, modelOptions, teams }
      },
    },
    {
      name: 'team',
      label: `/teams/${biggest.slug} (the busiest team)`,
      load: async ({ db }, now) => {
        const team = await prisma.team.findUnique({ where: { slug: biggest.slug } })
        if (!team) throw new Error(`page-data: team ${biggest.slug} is gone`)
        const today = app.toUtcDay(now)
        const range = { from: app.addUtcDays(today, -29), to: today }
        const [status, daily, byModel, alerts, flagged, policy, versions, keys, models] = await Promise.all([
          app.getBudgetStatus(db, team.id, now),
          app.querySpend(db, { ...range, teamIds: [team.id], groupBy: ['day', 'model'] }),
          app.querySpend(db, { ...range, teamIds: [team.id], groupBy: ['model'] }),
          app.listTeamAlerts(prisma, team.id, { limit: 50 }),
          app.listFlaggedCalls(db, team.id, now),
          app.getTeamPolicy(prisma, team.id),
          app.listTeamPolicyVersions(prisma, team.id, { limit: 21 }),
          app.listApiKeys(prisma, team.id),
          prisma.model.findMany({ select: { slug: true, displayName: true, deployment: true }, orderBy: { slug: 'asc' } }),
        ])
        return { status, daily, byModel, alerts, flagged, policy, versions, keys, models }
      },
    },
    {
      name: 'advice',
      label: '/advice (finance: all teams, this month)',
      load: async ({ db }, now) => {
        const { rows } = await db.query<{ id: number; slug: string; name: string }>('SELECT id, slug, name FROM teams ORDER BY slug')
        const scope: import('../core/app-lib').AdviceScope = { allTeams: true, visible: rows, teams: rows, teamIds: 'all', selected: null }
        const data = await app.loadAdviceData(db, scope, { period: 'month', team: null, rule: null, severity: null }, now)
        return data
      },
    },
    {
      name: 'models',
      label: `/models and /models/${busiestModel.slug} (the busiest model)`,
      load: async ({ db, raw }, now) => {
        const top = busiestModel
        const [catalog, model] = await Promise.all([app.listCatalog(prisma, now), app.loadModelWithHistory(top.slug, now)])
        // The detail page's "unpriced calls" figure: a Prisma aggregate over rollups_daily; its raw twin in SQL.
        const unpriced = raw
          ? Number((await db.query<{ n: string }>(`SELECT count(*) FILTER (WHERE status = 'unpriced')::text AS n FROM usage_events WHERE model_id = $1`, [top.id])).rows[0]?.n ?? 0)
          : Number((await prisma.rollupDaily.aggregate({ where: { modelId: top.id }, _sum: { unpricedCalls: true } }))._sum.unpricedCalls ?? 0)
        return { catalog, model, unpriced }
      },
    },
    {
      name: 'reports',
      label: '/reports (previous month statement, all teams)',
      load: async ({ db }, now) => {
        const month = app.previousMonth(now)
        const statement = await app.getMonthStatement(db, { month })
        const closes = await prisma.monthClose.findMany({ where: { month }, select: { teamId: true, closedById: true } })
        return { statement, closes }
      },
    },
  ]
}

/** rollupMs: every rollup load (p95); rollupMs.slice(0, rawMs.length) is what the ratio compares. */
type PageRun = { rollupMs: number[]; rawMs: number[]; slowest: { source: string; ms: number }[]; cpu: MonitorResult }

/** The ratio: baseline median ÷ rollup median over the same number of warm samples. */
const pairedRatio = (p: PageRun) => median(p.rawMs) / median(p.rollupMs.slice(0, p.rawMs.length))
type Run = Record<string, PageRun>

async function timeLoad(page: Page, side: Side, now: Date, log: QueryLog): Promise<{ ms: number; result: unknown }> {
  log.length = 0
  const t0 = performance.now()
  const result = await page.load(side, now)
  return { ms: performance.now() - t0, result }
}

async function run(ctx: BenchContext): Promise<Section> {
  const app = await import('../core/app-lib')
  const fill = await ensureFilled(ctx)
  const top = await ctx.lib.pool.query<{ id: number; slug: string }>(
    'SELECT m.id, m.slug FROM rollups_daily r JOIN models m ON m.id = r.model_id GROUP BY 1, 2 ORDER BY sum(r.calls) DESC LIMIT 1',
  )
  if (!top.rows[0]) throw new Error('page-data: the filled database has no calls to a catalog model')
  const list = pages(ctx, app, fill, top.rows[0])
  const fastN = ctx.opts.quick ? 6 : 20
  // Baseline samples: as many as the rollup side where the time budget allows, never fewer than 3.
  const rawN = ctx.opts.quick ? 3 : fill.events >= 5_000_000 ? 3 : fill.events >= 1_000_000 ? 5 : 10
  const stats: TwinStats = { rewritten: 0, unbounded: 0 }
  const fastLog: QueryLog = []
  const rawLog: QueryLog = []
  const fast: Side = { db: instrumentPool(ctx.lib.pool, fastLog), raw: false }
  const raw: Side = { db: instrumentPool(ctx.lib.pool, rawLog, rawDailyRewriter(app.aggregateEventsSql, stats)), raw: true }

  const runs: Run[] = []
  for (let k = 1; k <= ctx.opts.runs; k++) {
    const r: Run = {}
    for (const page of list) {
      const now = new Date()
      // One warm-up per side (caches, plans), not timed; their results must be equal.
      const first = await timeLoad(page, fast, now, fastLog)
      const firstRaw = await timeLoad(page, raw, now, rawLog)
      const diff = firstDifference(plain(first.result), plain(firstRaw.result))
      if (diff) throw new Error(`page-data: ${page.name}: rollup and raw-event results differ at ${diff}`)
      const rollupMs: number[] = []
      const slowest: PageRun['slowest'] = []
      const monitor = new Monitor([postgresGroup, { name: 'harness', pids: () => [process.pid] }], ctx.machine.cpus).start()
      // A page that reads raw events can take seconds per load at 10M: at least 3 loads, then stop at fastN or after the time budget.
      const budgetStart = performance.now()
      for (let i = 0; i < fastN && (i < 3 || performance.now() - budgetStart < PAGE_BUDGET_MS); i++) {
        const t = await timeLoad(page, fast, now, fastLog)
        rollupMs.push(t.ms)
        slowest.push(fastLog.reduce((w, q) => (q.ms > w.ms ? q : w), { source: 'none', ms: 0 }))
      }
      const pr: PageRun = { rollupMs, rawMs: [], slowest, cpu: monitor.stop() }
      const rawStart = performance.now()
      for (let i = 0; i < Math.min(rawN, rollupMs.length) && (i < 3 || performance.now() - rawStart < PAGE_BUDGET_MS); i++) {
        pr.rawMs.push((await timeLoad(page, raw, now, rawLog)).ms)
      }
      const n = pr.rawMs.length
      ctx.log(
        `page-data run ${k}/${ctx.opts.runs} ${page.name}: p95 ${fmtMs(percentile(pr.rollupMs, 95))}; median of ${n} warm samples: rollups ${fmtMs(median(pr.rollupMs.slice(0, n)))}, raw GROUP BY ${fmtMs(median(pr.rawMs))} → ${fmtNum(pairedRatio(pr), 0)}×; results equal`,
      )
      r[page.name] = pr
    }
    runs.push(r)
  }

  const x = (v: number) => `${fmtNum(v, v >= 100 ? 0 : 1)}×`
  const rows = list.map((page) => {
    const per = runs.map((r) => r[page.name]!)
    const p95 = spread(per.map((p) => percentile(p.rollupMs, 95)))
    const ratio = spread(per.map(pairedRatio))
    const slow = per.flatMap((p) => p.slowest)
    const eventsShare = slow.filter((s) => s.source === 'events').length / Math.max(1, slow.length)
    return {
      page,
      p95,
      ratio,
      cells: [
        page.label,
        fmtSpread(spread(per.map((p) => median(p.rollupMs.slice(0, p.rawMs.length)))), fmtMs),
        fmtSpread(spread(per.map((p) => median(p.rawMs))), fmtMs),
        per.map((p) => p.rawMs.length).join(', '),
        fmtSpread(ratio, x),
        fmtSpread(p95, fmtMs),
        `${fmtNum(median(per.map((p) => p.cpu.groups.postgres?.cpuPercent ?? NaN)), 0)}% / ${fmtNum(median(per.map((p) => p.cpu.groups.harness?.cpuPercent ?? NaN)), 0)}% / ${fmtNum(median(per.map((p) => p.cpu.othersPercent)), 0)}%`,
        slow.every((q) => q.source === 'none') ? '— (Prisma only)' : `${fmtMs(median(slow.map((q) => q.ms)))} (${eventsShare >= 0.5 ? 'usage_events' : (slow[0]?.source ?? 'n/a')})`,
      ],
    }
  })
  const worstP95 = Math.max(...rows.map((r) => r.p95.median))
  const worstRatio = Math.min(...rows.map((r) => r.ratio.median))
  const slowPages = rows.filter((r) => r.p95.median > GOAL_P95_MS).map((r) => r.page.name)
  const weakPages = rows.filter((r) => r.ratio.median < GOAL_RATIO).map((r) => r.page.name)
  const at = `${fmtInt(fill.events)} events`
  return {
    about: `Server-side data of each dashboard page on a database of ${at} over ${fill.days} days, ${fill.teams.length} teams (core/fill.ts). Each page's loaders are called as its page.tsx calls them (same lib/ functions and arguments, same Promise.all; rendering excluded), ${fastN} times per run after one warm-up (at least 3, fewer than ${fastN} when they pass ${PAGE_BUDGET_MS / 1000} s), one at a time: p95 of those. Baseline, same run: the same loaders with the day rollups (rollups_daily, rollups_profile_daily) replaced by a GROUP BY over raw usage_events restricted to each query's own days (core/raw-twin.ts), after its own warm-up, up to ${rawN} times per run (at least 3; fewer when they pass ${PAGE_BUDGET_MS / 1000} s); the bench fails unless both warm-ups return identical results. Ratio = baseline median ÷ rollup median over the same number of warm samples (the first rollup samples, as many as the baseline took), per run. ${ctx.opts.runs} runs.`,
    goals: [
      { goal: `every page's data p95 ≤ ${GOAL_P95_MS} ms at ${at}`, met: worstP95 <= GOAL_P95_MS, detail: `worst ${fmtMs(worstP95)}${slowPages.length ? ` (over: ${slowPages.join(', ')})` : ''}` },
      { goal: `rollups ≥ ${GOAL_RATIO}× faster than a GROUP BY over raw events, every page`, met: worstRatio >= GOAL_RATIO, detail: `worst ${x(worstRatio)}${weakPages.length ? ` (under: ${weakPages.join(', ')})` : ''}` },
    ],
    tables: [
      {
        columns: ['page', 'rollups, median', 'raw GROUP BY (baseline), median', 'warm samples per side (per run)', 'ratio', 'rollups, p95 (all samples)', 'CPU postgres / harness / others (rollup loads)', 'slowest pg query of a load, median (reads)'],
        rows: rows.map((r) => r.cells),
      },
    ],
    notes: [
      `The raw twin rewrote ${fmtInt(stats.rewritten)} rollup queries${stats.unbounded ? `, ${fmtInt(stats.unbounded)} of them without a recognised day range (they read every event)` : ''}; the models detail page's unpriced-calls figure (a Prisma aggregate over rollups_daily for one model, all time) has a hand-written raw twin (count over that model's events).`,
      'Raw usage_events on BOTH sides: only the bounded newest-first lists of /advice and /teams/<slug> (listAdvisedCalls: one backward (team_id, ts) index scan per team, LIMIT 100 / 50). The advice aggregates read rollups_profile_daily (raw events only for days a price version starts or ends inside; none in this fill).',
      `Fill: ${fmtInt(fill.events)} events in ${fmtNum(fill.seconds.total, 0)} s — rows ${fmtNum(fill.seconds.insert, 0)} s (${fmtInt(fill.insertRate)} events/s), rollup rebuild ${fmtNum(fill.seconds.rollups, 0)} s, VACUUM ANALYZE ${fmtNum(fill.seconds.vacuum, 0)} s; ${fill.schema.partitioned ? 'partitioned' : 'unpartitioned'} usage_events${fill.schema.eventKeys ? ' with usage_event_keys' : ''}.`,
    ],
  }
}

export const pageData: Benchmark = { name: 'page-data', title: 'Page data on a filled database', run }
