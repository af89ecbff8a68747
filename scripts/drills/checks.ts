import Decimal from 'decimal.js'
import type pg from 'pg'
import { sleep } from './services'

// The equalities every drill must end with, for the drill's own team:
//   accepted ids == stored ids          (nothing acknowledged is lost, nothing unacknowledged appears)
//   no batch left un-rolled-up          (the sweeper and the queue caught up)
//   rollups == GROUP BY over ALL raw events, every rollup table, every measure exactly (NUMERIC, not
//   rounded to cents): a batch applied twice or skipped shows up here.

export type CheckResult = {
  stored: number
  /** Acknowledged by a 2xx but not in usage_events. */
  lost: number
  lostSample: string[]
  /** In usage_events but never acknowledged (a batch given up on) or never sent. */
  unacknowledged: number
  batches: number
  pendingBatches: number
  rolledUpHourly: number
  rolledUpDaily: number
  rawCost: string
  hourlyCost: string
  dailyCost: string
  /** Rollup rows (any rollup table) that differ from the GROUP BY in any measure, or exist on one side only. */
  rollupDifferences: number
  differenceSample: string[]
  settleSec: number
  /** Per batch: rolled_up_at − received_at (queue path: milliseconds; sweeper path: up to ~25 s). */
  lagSec: { p50: number; p99: number; max: number }
}

export async function pendingBatches(pool: pg.Pool, teamId: number): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM ingest_batches WHERE team_id = $1 AND rolled_up_at IS NULL', [teamId])
  return Number(rows[0]?.n ?? 0)
}

/** Waits until every batch of the team is rolled up (by the queue or the sweeper), up to timeoutMs. */
export async function waitForRollups(pool: pg.Pool, teamId: number, timeoutMs: number): Promise<{ pending: number; waitedSec: number }> {
  const t0 = Date.now()
  for (;;) {
    const pending = await pendingBatches(pool, teamId)
    if (pending === 0 || Date.now() - t0 > timeoutMs) return { pending, waitedSec: (Date.now() - t0) / 1000 }
    await sleep(250)
  }
}

/** Rollup rows (every grain) that differ from a GROUP BY over all of the team's raw events. */
async function compareRollups(pool: pg.Pool, teamId: number): Promise<{ rows: number; sample: string[] }> {
  const { rows: span } = await pool.query<{ first: Date | null; last: Date | null }>('SELECT min(ts) AS first, max(ts) AS last FROM usage_events WHERE team_id = $1', [teamId])
  const { first, last } = span[0] ?? { first: null, last: null }
  if (!first || !last) return { rows: 0, sample: [] }
  // Through ./lib, imported only once the environment names the drills' own servers: a static import
  // would load lib/db (reconcile → rebuild → inTransaction) with the caller's DATABASE_URL.
  const { findRollupDifferences } = await import('./lib')
  const differences = await findRollupDifferences(pool, { from: first, to: new Date(last.getTime() + 1), teamIds: [teamId] })
  const rows = new Set(differences.map((d) => `${d.grain} ${d.bucket} ${d.modelKey} ${d.profile}`))
  return { rows: rows.size, sample: differences.slice(0, 3).map((d) => `${d.grain} ${d.bucket} ${d.modelKey} ${d.profile}: ${d.column}: rollup ${d.rollup} raw ${d.raw}`) }
}

export async function checkTeam(pool: pg.Pool, teamId: number, accepted: ReadonlySet<string>, settleTimeoutMs: number): Promise<CheckResult> {
  const { pending, waitedSec } = await waitForRollups(pool, teamId, settleTimeoutMs)
  const { rows: ids } = await pool.query<{ event_id: string }>('SELECT event_id FROM usage_events WHERE team_id = $1', [teamId])
  const stored = new Set(ids.map((r) => r.event_id))
  const lostIds = [...accepted].filter((id) => !stored.has(id))
  let unacknowledged = 0
  for (const id of stored) if (!accepted.has(id)) unacknowledged++

  const totals = await pool.query<{ batches: string; raw_cost: string; h_calls: string; h_cost: string; d_calls: string; d_cost: string }>(
    `SELECT (SELECT count(*) FROM ingest_batches WHERE team_id = $1)::text AS batches,
            (SELECT coalesce(sum(cost), 0) FROM usage_events WHERE team_id = $1)::text AS raw_cost,
            (SELECT coalesce(sum(calls), 0) FROM rollups_hourly WHERE team_id = $1)::text AS h_calls,
            (SELECT coalesce(sum(cost), 0) FROM rollups_hourly WHERE team_id = $1)::text AS h_cost,
            (SELECT coalesce(sum(calls), 0) FROM rollups_daily WHERE team_id = $1)::text AS d_calls,
            (SELECT coalesce(sum(cost), 0) FROM rollups_daily WHERE team_id = $1)::text AS d_cost`,
    [teamId],
  )
  const t = totals.rows[0]!
  const { rows: lag } = await pool.query<{ p50: number | null; p99: number | null; max: number | null }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY s) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY s) AS p99, max(s) AS max
       FROM (SELECT extract(epoch FROM rolled_up_at - received_at)::float8 AS s FROM ingest_batches WHERE team_id = $1 AND rolled_up_at IS NOT NULL) x`,
    [teamId],
  )
  const differences = await compareRollups(pool, teamId)
  return {
    stored: stored.size,
    lost: lostIds.length,
    lostSample: lostIds.slice(0, 5),
    unacknowledged,
    batches: Number(t.batches),
    pendingBatches: pending,
    rolledUpHourly: Number(t.h_calls),
    rolledUpDaily: Number(t.d_calls),
    rawCost: t.raw_cost,
    hourlyCost: t.h_cost,
    dailyCost: t.d_cost,
    rollupDifferences: differences.rows,
    differenceSample: differences.sample,
    settleSec: waitedSec,
    lagSec: { p50: lag[0]?.p50 ?? NaN, p99: lag[0]?.p99 ?? NaN, max: lag[0]?.max ?? NaN },
  }
}

/** Every way a check can fail, as sentences (empty = the equalities hold). */
export function checkFailures(c: CheckResult, acceptedCount: number): string[] {
  const f: string[] = []
  if (c.lost > 0) f.push(`${c.lost} acknowledged event(s) not stored (e.g. ${c.lostSample.join(', ')})`)
  if (c.unacknowledged > 0) f.push(`${c.unacknowledged} stored event(s) never acknowledged`)
  if (c.stored !== acceptedCount) f.push(`accepted ${acceptedCount} ≠ stored ${c.stored}`)
  if (c.pendingBatches > 0) f.push(`${c.pendingBatches} batch(es) still not rolled up after ${c.settleSec.toFixed(0)} s`)
  if (c.rollupDifferences > 0) f.push(`${c.rollupDifferences} rollup row(s) differ from raw events: ${c.differenceSample.join('; ')}`)
  if (c.rolledUpHourly !== c.stored) f.push(`hourly rollups count ${c.rolledUpHourly} calls, raw events ${c.stored}`)
  if (c.rolledUpDaily !== c.stored) f.push(`daily rollups count ${c.rolledUpDaily} calls, raw events ${c.stored}`)
  for (const [grain, cost] of [['hourly', c.hourlyCost], ['daily', c.dailyCost]] as const) {
    if (!new Decimal(cost).eq(c.rawCost)) f.push(`${grain} rollup cost ${cost} ≠ raw cost ${c.rawCost}`)
  }
  return f
}
