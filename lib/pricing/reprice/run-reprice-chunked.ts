import type pg from 'pg'
import { inTransaction } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { Decimal } from '@/lib/pricing/decimal'
import { planReprice, repriceFilter, serializeRepricePlan } from './plan-reprice'
import { costInForceSql, pieceOfEventSql, statusInForceSql, versionPiecesSql } from './price-at-event-sql'
import { rebuildRollupDays, type TeamDay } from './rebuild-rollup-days'
import { appliedBatchesOnly, lockRollups } from '@/lib/rollups/rebuild-rollups'
import { rolledUpColumns, rollupGrains, rollupTable, repricedRollupSql, type RollupGrain } from '@/lib/rollups/rollup-sql'

export type RepriceProgress = { runId: number; done: number; total: number; percent: number }

export type RepriceRunResult = {
  events: number
  changed: number
  oldCost: string
  newCost: string
  delta: string
  /** team id → UTC days ('YYYY-MM-DD') whose events changed. */
  affected: Record<string, string[]>
  /** How many team-days changed (set when the run is done). */
  changedDays?: number
  /**
   * Each chunk moved its rollup rows with its events. Runs started before chunks did (no such flag) get
   * the rollups of every affected team-day rebuilt at the end instead, and say how many in rebuiltDays.
   */
  rollupsPerChunk?: boolean
  rebuiltDays?: number
}

type RunRow = {
  id: number; from_ts: Date; to_ts: Date; model_id: number | null; dry_run: boolean; status: string
  total: number; done: number; cursor: string | null; result: RepriceRunResult | null
}

const emptyResult = (): RepriceRunResult => ({ events: 0, changed: 0, oldCost: '0', newCost: '0', delta: '0', affected: {}, rollupsPerChunk: true })

function percent(done: number, total: number): number {
  // Events ingested into the window after the run started can push done past total.
  return total <= 0 ? 100 : Math.min(100, Math.floor((done / total) * 100))
}

// The row lock serialises every runner of one run (a retried job, a duplicate, the CLI): each chunk
// continues from the cursor the previous one committed, so no event is processed by two runners.
async function lockRun(client: pg.PoolClient, runId: number): Promise<RunRow> {
  const { rows } = await client.query<RunRow>(
    `SELECT id, from_ts, to_ts, model_id, dry_run, status, total, done, cursor::text AS cursor, result
       FROM reprice_runs WHERE id = $1 FOR UPDATE`,
    [runId],
  )
  const run = rows[0]
  if (!run) throw new AppError('not_found', `unknown re-price run ${runId}`)
  return run
}

type ChunkRow = {
  n: number; orphans: number; changed: number; old_sum: string; new_sum: string; days: string[] | null
} & Record<`emptied_${RollupGrain}`, string[] | null>

type ChunkOutcome = { finished: true } | { finished: false; done: number; total: number; events: number; spanMs: number }
type Step = { kind: 'dry-run'; run: RunRow } | { kind: 'done'; result: RepriceRunResult } | { kind: 'chunk'; outcome: ChunkOutcome }

/** The first instant of the UTC month after `ms`: usage_events is partitioned by UTC month. */
function nextMonthStart(ms: number): number {
  const d = new Date(ms)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
}

// A chunk is a time range [cursor, end) inside one month: its statements read one partition, and only
// the part of it that the BRIN index on ts points at. The cursor (epoch ms; ts has millisecond
// precision) moves forward through the window, so an event is in exactly one chunk, whatever its id
// and wherever an update moved its row.
async function processChunk(client: pg.PoolClient, run: RunRow, spanMs: number): Promise<ChunkOutcome> {
  const fromMs = run.from_ts.getTime()
  const toMs = run.to_ts.getTime()
  const startMs = run.cursor === null ? fromMs : Math.max(fromMs, Number(run.cursor))
  if (startMs >= toMs) return { finished: true }
  const endMs = Math.min(toMs, nextMonthStart(startMs), startMs + Math.max(1, Math.round(spanMs)))
  const { where, params } = repriceFilter({ from: run.from_ts, to: run.to_ts, modelId: run.model_id })
  const lo = params.length + 1
  const range = `${where} AND e.ts >= $${lo} AND e.ts < $${lo + 1}`
  const rangeParams = [...params, new Date(startMs).toISOString(), new Date(endMs).toISOString()]
  // JIT compiles each chunk's statement anew (tens of ms), which costs more than it saves on one chunk;
  // the chunk's old costs are matched to its changes in a hash in memory, not sorted on disk.
  await client.query("SET LOCAL jit = off; SET LOCAL work_mem = '64MB'")
  // The rollups change with the events, in this transaction: batch appliers wait for it (their batches
  // are then either counted here, as applied, or added later at their new cost), and a crash between
  // chunks leaves rollups that equal the raw events.
  await lockRollups(client)
  // One pass over the range rewrites only the events whose cost, version or status changes; a second
  // read of the same range in the same statement sees the rows as they were (one snapshot), for the
  // event count and the old values of what changed. The changed events of applied batches then move
  // their rollup rows from the old price to the new (repricedRollupSql), in the same statement.
  const repriced = repricedRollupSql('counted')
  const { rows } = await client.query<ChunkRow>(
    `WITH pv AS MATERIALIZED (${versionPiecesSql}
     ), upd AS (
       UPDATE usage_events e SET cost = ${costInForceSql}, price_version_id = pv.id, status = ${statusInForceSql}
         FROM pv
        WHERE ${pieceOfEventSql} AND ${range}
          AND (e.cost IS DISTINCT FROM ${costInForceSql} OR e.price_version_id IS DISTINCT FROM pv.id OR e.status <> ${statusInForceSql})
       RETURNING e.id, e.ts, e.cost, e.price_version_id, e.status
     ), before AS (
       SELECT e.id, e.batch_id, ${rolledUpColumns.map((c) => `e.${c}`).join(', ')},
              coalesce(e.model_id, -1) IN (SELECT model_key FROM pv) AS known
         FROM usage_events e WHERE ${range}
     ), changed AS MATERIALIZED (
       SELECT b.*, u.cost AS new_cost, u.price_version_id AS new_price_version_id, u.status AS new_status
         FROM upd u JOIN before b ON b.id = u.id AND b.ts = u.ts
     ), counted AS MATERIALIZED (
       SELECT e.* FROM changed e WHERE ${appliedBatchesOnly}
     ), ${repriced.ctes}, ${rollupGrains.map((g) => `up_${g} AS (${repriced.upsert(g)})`).join(', ')}
     SELECT (SELECT count(*) FROM before)::int AS n,
            (SELECT count(*) FROM before WHERE NOT known)::int AS orphans,
            (SELECT count(*) FROM changed)::int AS changed,
            (SELECT coalesce(sum(cost), 0) FROM changed)::text AS old_sum,
            (SELECT coalesce(sum(new_cost), 0) FROM changed)::text AS new_sum,
            (SELECT array_agg(team_id::text || '|' || day::text) FROM (SELECT DISTINCT team_id, (ts AT TIME ZONE 'UTC')::date AS day FROM changed) d) AS days,
            ${rollupGrains.map((g) => `(SELECT array_agg(emptied) FROM up_${g} WHERE emptied IS NOT NULL)::text[] AS emptied_${g}`).join(',\n            ')}`,
    rangeParams,
  )
  const out = rows[0]!
  for (const grain of rollupGrains) {
    const emptied = out[`emptied_${grain}`]
    if (emptied?.length) await client.query(`DELETE FROM ${rollupTable[grain]} WHERE ctid = ANY($1::tid[])`, [emptied])
  }
  if (out.orphans > 0) {
    // Events naming a model that no longer exists (there is no foreign key): no version is in force for
    // them, so they are unpriced, never free or left at an old price.
    const orphans = await client.query<{ team_id: number; day: string; old_cost: string | null }>(
      `WITH o AS (SELECT e.id, e.ts, e.cost FROM usage_events e
                   WHERE ${range} AND e.model_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM models m WHERE m.id = e.model_id)
                     AND (e.cost IS NOT NULL OR e.price_version_id IS NOT NULL OR e.status <> 'unpriced'))
       UPDATE usage_events u SET cost = NULL, price_version_id = NULL, status = 'unpriced'
         FROM o WHERE u.id = o.id AND u.ts = o.ts AND u.ts >= $${lo} AND u.ts < $${lo + 1}
       RETURNING u.team_id, (u.ts AT TIME ZONE 'UTC')::date::text AS day, o.cost::text AS old_cost`,
      rangeParams,
    )
    out.changed += orphans.rows.length
    out.old_sum = orphans.rows.reduce((sum, r) => sum.plus(r.old_cost ?? '0'), new Decimal(out.old_sum)).toFixed()
    out.days = [...(out.days ?? []), ...orphans.rows.map((r) => `${r.team_id}|${r.day}`)]
    await rebuildRollupDays(client, orphans.rows.map((r) => ({ teamId: r.team_id, day: r.day })))
  }
  const result = run.result ?? emptyResult()
  result.events += out.n
  result.changed += out.changed
  result.oldCost = new Decimal(result.oldCost).plus(out.old_sum).toFixed()
  result.newCost = new Decimal(result.newCost).plus(out.new_sum).toFixed()
  result.delta = new Decimal(result.newCost).minus(result.oldCost).toFixed()
  const touched = new Map<string, Set<string>>()
  for (const key of out.days ?? []) {
    const [team = '', day = ''] = key.split('|')
    const days = touched.get(team) ?? new Set(result.affected[team] ?? [])
    days.add(day)
    touched.set(team, days)
  }
  for (const [team, days] of touched) result.affected[team] = [...days].sort()
  const done = run.done + out.n
  await client.query(
    `UPDATE reprice_runs SET status = 'running', cursor = $2, done = $3, result = $4, error = NULL WHERE id = $1`,
    [run.id, String(endMs), done, JSON.stringify(result)],
  )
  return { finished: false, done, total: run.total, events: out.n, spanMs: endMs - startMs }
}

/**
 * Applies a re-price run: events of the window in time order from the run's cursor, each chunk's UPDATE,
 * its rollup change and the cursor/progress committing together, so a crashed or retried run resumes
 * where it stopped, never applies a chunk twice (re-pricing is idempotent besides) and leaves rollups
 * equal to the raw events after every chunk. Then marks the run done. Closed months keep their
 * frozen statements; the change shows up there as an adjustment.
 */
export async function runRepriceChunked(
  pool: pg.Pool,
  runId: number,
  opts: { chunkSize?: number; onProgress?: (p: RepriceProgress) => void | Promise<void> } = {},
): Promise<RepriceRunResult> {
  const chunkSize = opts.chunkSize ?? 100_000
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new AppError('invalid', 'chunkSize must be a positive integer')
  // Chunks are time ranges sized to hold about chunkSize events: first from the window's average rate,
  // then from the rate the last chunk found (usage is uneven over a day and a week).
  let spanMs: number | undefined
  for (;;) {
    const step = await inTransaction(pool, async (client): Promise<Step> => {
      const run = await lockRun(client, runId)
      if (run.dry_run) return { kind: 'dry-run', run }
      if (run.status === 'done') return { kind: 'done', result: run.result ?? emptyResult() }
      spanMs ??= ((run.to_ts.getTime() - run.from_ts.getTime()) * chunkSize) / Math.max(run.total, 1)
      return { kind: 'chunk', outcome: await processChunk(client, run, spanMs) }
    })
    if (step.kind === 'dry-run') return finishDryRun(pool, step.run)
    if (step.kind === 'done') return step.result
    if (step.outcome.finished) break
    const { events, spanMs: lastSpan } = step.outcome
    // An empty range grows the next one fast (a gap between months); a sparse one (night) only doubles
    // it, so that the next range, back in the busy hours, cannot hold many times chunkSize events and
    // leave the progress bar still for that long.
    spanMs = events === 0 ? lastSpan * 8 : lastSpan * Math.min(2, Math.max(1 / 8, chunkSize / events))
    await opts.onProgress?.({ runId, done: step.outcome.done, total: step.outcome.total, percent: percent(step.outcome.done, step.outcome.total) })
  }
  const result = await inTransaction(pool, async (client) => {
    const run = await lockRun(client, runId)
    const current = run.result ?? emptyResult()
    if (run.status === 'done') return current
    const teamDays: TeamDay[] = Object.entries(current.affected).flatMap(([team, days]) => days.map((day) => ({ teamId: Number(team), day })))
    const final: RepriceRunResult = { ...current, changedDays: teamDays.length }
    if (!current.rollupsPerChunk) final.rebuiltDays = await rebuildRollupDays(client, teamDays)
    await client.query(
      `UPDATE reprice_runs SET status = 'done', finished_at = now(), result = $2, error = NULL WHERE id = $1`,
      [runId, JSON.stringify(final)],
    )
    // The costs change here, in the worker: audited as they land (before → after), in the name of
    // whoever started the run (its reprice.start row), in the same transaction as the change.
    await client.query(
      `INSERT INTO audit_log (actor_id, actor, action, entity_type, entity_id, before, after)
       SELECT s.actor_id, coalesce(s.actor, 'system'), 'reprice.finish', 'reprice_run', $1, $2::jsonb, $3::jsonb
         FROM (SELECT 1) AS one
         LEFT JOIN LATERAL (SELECT actor_id, actor FROM audit_log
                             WHERE action = 'reprice.start' AND entity_type = 'reprice_run' AND entity_id = $1
                             ORDER BY id LIMIT 1) AS s ON true`,
      [
        String(runId),
        JSON.stringify({ cost: final.oldCost }),
        JSON.stringify({ cost: final.newCost, delta: final.delta, events: final.events, changed: final.changed, changedDays: final.changedDays }),
      ],
    )
    return final
  })
  const total = await pool.query<{ total: number; done: number }>('SELECT total, done FROM reprice_runs WHERE id = $1', [runId])
  const row = total.rows[0]
  if (row) await opts.onProgress?.({ runId, done: row.done, total: row.total, percent: 100 })
  return result
}

// A dry-run row normally gets its plan at creation; one created without it is planned here, never applied.
async function finishDryRun(pool: pg.Pool, run: RunRow): Promise<RepriceRunResult> {
  if (run.status === 'done' && run.result) return { ...run.result, affected: {} }
  const plan = await planReprice(pool, { from: run.from_ts, to: run.to_ts, modelId: run.model_id })
  await pool.query(`UPDATE reprice_runs SET status = 'done', done = $2, result = $3, finished_at = now() WHERE id = $1`, [
    run.id,
    plan.events,
    JSON.stringify(serializeRepricePlan(plan)),
  ])
  return { events: plan.events, changed: plan.changed, oldCost: plan.oldCost.toFixed(), newCost: plan.newCost.toFixed(), delta: plan.delta.toFixed(), affected: {} }
}

/** Marks a run failed with its error (the job is retried from the cursor; the CLI can resume it). */
export async function markRepriceFailed(pool: pg.Pool, runId: number, err: unknown): Promise<void> {
  const message = err instanceof Error ? err.message : String(err)
  await pool.query(`UPDATE reprice_runs SET status = 'failed', error = $2 WHERE id = $1 AND status <> 'done'`, [runId, message.slice(0, 2000)])
}
