import { performance } from 'node:perf_hooks'
import { ensureFilled } from '../core/fill'
import { fmtInt, fmtMs, fmtNum, fmtSpread, median, spread } from '../core/stats'
import type { Benchmark, BenchContext, Section } from '../core/types'

// Benchmark: the what-if replay (lib/advisor/what-if.ts) over the last 90 days of the filled database,
// as the advice page's what-if panel and `ledger what-if` run it: all teams, and the busiest team alone;
// "apply all advice" and "the team's own policy". Split into the group query (load-what-if-groups.ts,
// a GROUP BY over the raw events) and the rest (policy evaluation per group in JavaScript). Baseline,
// same run: one plain scan of the same events (count and sum of cost over the same teams and window) —
// the least any computation over the raw events must read. The replay's totals must match that scan.

const DAYS = 90
const GOAL_MS = 2000

type Case = { name: string; teams: number[] | 'all'; mode: 'apply-all-advice' | 'policy' }
type Sample = { totalMs: number; groupsMs: number; groups: number; scanMs: number; calls: number }

async function run(ctx: BenchContext): Promise<Section> {
  const app = await import('../core/app-lib')
  const fill = await ensureFilled(ctx)
  const { pool, prisma } = ctx.lib
  const biggest = [...fill.teams].sort((a, b) => b.weight - a.weight)[0]!
  const allIds = (await pool.query<{ id: number }>('SELECT id FROM teams ORDER BY id')).rows.map((r) => r.id)
  const cases: Case[] = [
    { name: `all ${allIds.length} teams, apply all advice`, teams: 'all', mode: 'apply-all-advice' },
    { name: `team ${biggest.slug}, apply all advice`, teams: [biggest.id], mode: 'apply-all-advice' },
    { name: `team ${biggest.slug}, its own policy`, teams: [biggest.id], mode: 'policy' },
  ]
  const policy = await app.getTeamPolicy(prisma, biggest.id)
  const iterations = ctx.opts.quick || fill.events >= 5_000_000 ? 1 : 3

  const runs: Record<string, Sample[]>[] = []
  for (let k = 1; k <= ctx.opts.runs; k++) {
    const r: Record<string, Sample[]> = {}
    for (const c of cases) {
      const samples: Sample[] = []
      for (let i = 0; i < iterations; i++) {
        const window = app.whatIfWindow(DAYS, new Date())
        const from = new Date(window.end.getTime() - DAYS * 86_400_000)
        const ids = c.teams === 'all' ? allIds : c.teams
        const mode = c.mode === 'policy' && policy ? ({ kind: 'policy', policy } as const) : ({ kind: 'apply-all-advice' } as const)

        const t0 = performance.now()
        const report = await app.whatIf(pool, { teams: c.teams, days: DAYS, mode, now: window.end })
        const totalMs = performance.now() - t0

        const t1 = performance.now()
        const groups = await app.loadWhatIfGroups(pool, ids, from, window.end)
        const groupsMs = performance.now() - t1

        const t2 = performance.now()
        const { rows } = await pool.query<{ calls: number; cost: string | null }>(
          'SELECT count(*)::int AS calls, sum(cost)::text AS cost FROM usage_events WHERE team_id = ANY($1::int[]) AND ts >= $2 AND ts < $3',
          [ids, from.toISOString(), window.end.toISOString()],
        )
        const scanMs = performance.now() - t2
        const scan = rows[0]!
        if (report.totals.calls !== scan.calls) throw new Error(`what-if: ${c.name}: the replay counted ${report.totals.calls} calls, the scan ${scan.calls}`)
        if (!new app.Decimal(report.totals.spend_before).eq(scan.cost ?? '0')) {
          throw new Error(`what-if: ${c.name}: spend before ${report.totals.spend_before} ≠ Σ cost ${scan.cost}`)
        }
        samples.push({ totalMs, groupsMs, groups: groups.length, scanMs, calls: scan.calls })
      }
      const m = (f: (s: Sample) => number) => median(samples.map(f))
      ctx.log(`what-if run ${k}/${ctx.opts.runs} ${c.name}: ${fmtMs(m((s) => s.totalMs))} (groups query ${fmtMs(m((s) => s.groupsMs))}, ${fmtInt(m((s) => s.groups))} groups; scan ${fmtMs(m((s) => s.scanMs))} over ${fmtInt(m((s) => s.calls))} calls)`)
      r[c.name] = samples
    }
    runs.push(r)
  }

  const x = (v: number) => `${fmtNum(v, 1)}×`
  const rows = cases.map((c) => {
    const per = runs.map((r) => r[c.name]!)
    const med = (f: (s: Sample) => number) => spread(per.map((ss) => median(ss.map(f))))
    return {
      c,
      total: med((s) => s.totalMs),
      cells: [
        c.name,
        fmtInt(median(per.flat().map((s) => s.calls))),
        fmtSpread(med((s) => s.totalMs), fmtMs),
        fmtSpread(med((s) => s.groupsMs), fmtMs),
        fmtInt(median(per.flat().map((s) => s.groups))),
        fmtSpread(med((s) => s.scanMs), fmtMs),
        fmtSpread(med((s) => s.totalMs / s.scanMs), x),
      ],
    }
  })
  const all = rows[0]!
  return {
    about: `whatIf (lib/advisor/what-if.ts) over the last ${DAYS} days of a database of ${fmtInt(fill.events)} events (${fill.days} days, ${fill.teams.length} teams), as the advice page's what-if panel calls it; ${iterations} calls per case per run, ${ctx.opts.runs} runs. "Group query" is loadWhatIfGroups alone (the GROUP BY over raw events the replay starts with), timed separately right after. Baseline, same run: a plain scan of the same events (count(*) and sum(cost) for the same teams and window); the replay's call count and spend-before must equal it.`,
    goals: [{ goal: `what-if over ${DAYS} days of ${fmtInt(fill.events)} events (all teams) ≤ ${GOAL_MS / 1000} s`, met: all.total.median <= GOAL_MS, detail: fmtSpread(all.total, fmtMs) }],
    tables: [
      {
        columns: ['case', 'calls in window', 'what-if', 'group query alone', 'groups', 'plain scan (baseline)', 'ratio what-if / scan'],
        rows: rows.map((r) => r.cells),
      },
    ],
    notes: [
      'The replay reads raw usage_events on every call (a GROUP BY by team, model, task, data class, traits, price version and price epoch): its time grows with the events in the window, and the plain scan is a floor no raw-event design can beat. Only a pre-aggregated table with those group keys would take it off the raw events.',
    ],
  }
}

export const whatIfReplay: Benchmark = { name: 'what-if', title: 'What-if replay over 90 days', run }
