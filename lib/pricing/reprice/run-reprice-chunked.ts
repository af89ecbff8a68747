import type pg from 'pg'
import { AppError } from '@/lib/errors'
import { Decimal } from '@/lib/pricing/decimal'
import { planReprice, repriceFilter, serializeRepricePlan } from './plan-reprice'
import { costInForceSql, statusInForceSql, versionInForceJoin } from './price-at-event-sql'
import { rebuildRollupDays, type TeamDay } from './rebuild-rollup-days'

export type RepriceProgress = { runId: number; done: number; total: number; percent: number }

export type RepriceRunResult = {
  events: number
  changed: number
  oldCost: string
  newCost: string
  delta: string
  /** team id → UTC days ('YYYY-MM-DD') whose events changed; their rollups are rebuilt at the end. */
  affected: Record<string, string[]>
  rebuiltDays?: number
}

type RunRow = {
  id: number; from_ts: Date; to_ts: Date; model_id: number | null; dry_run: boolean; status: string
  total: number; done: number; cursor: string | null; result: RepriceRunResult | null
}

const emptyResult = (): RepriceRunResult => ({ events: 0, changed: 0, oldCost: '0', newCost: '0', delta: '0', affected: {} })

function percent(done: number, total: number): number {
  // Events ingested into the window after the run started can push done past total.
  return total <= 0 ? 100 : Math.min(100, Math.floor((done / total) * 100))
}

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const out = await work(client)
    await client.query('COMMIT')
    return out
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw err
  } finally {
    client.release()
  }
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

type ChunkOutcome = { finished: true } | { finished: false; done: number; total: number }
type Step = { kind: 'dry-run'; run: RunRow } | { kind: 'done'; result: RepriceRunResult } | { kind: 'chunk'; outcome: ChunkOutcome }

async function processChunk(client: pg.PoolClient, run: RunRow, chunkSize: number): Promise<ChunkOutcome> {
  const { where, params } = repriceFilter({ from: run.from_ts, to: run.to_ts, modelId: run.model_id })
  const cursorParam = params.length + 1
  const { rows } = await client.query<{ n: number; last_id: string | null; changed: number; old_sum: string; new_sum: string; days: string[] | null }>(
    // Every join on usage_events carries ts and the window: it is partitioned by month on ts, and an id
    // alone would be looked up in every month.
    `WITH chunk AS (
       SELECT e.id, e.ts FROM usage_events e
        WHERE ${where} AND e.id > $${cursorParam}
        ORDER BY e.id
        LIMIT $${cursorParam + 1}
     ), priced AS (
       SELECT e.id, e.ts, e.cost AS old_cost, pv.id AS pv_id, ${costInForceSql} AS new_cost, ${statusInForceSql} AS new_status
         FROM usage_events e JOIN chunk c ON c.id = e.id AND c.ts = e.ts
         ${versionInForceJoin}
        WHERE ${where}
     ), upd AS (
       UPDATE usage_events u SET cost = p.new_cost, price_version_id = p.pv_id, status = p.new_status
         FROM priced p
        WHERE u.id = p.id AND u.ts = p.ts AND u.ts >= $1 AND u.ts < $2
          AND (u.cost IS DISTINCT FROM p.new_cost OR u.price_version_id IS DISTINCT FROM p.pv_id OR u.status <> p.new_status)
       RETURNING u.team_id, (u.ts AT TIME ZONE 'UTC')::date AS day, p.old_cost, p.new_cost
     )
     SELECT (SELECT count(*) FROM chunk)::int AS n,
            (SELECT max(id) FROM chunk)::text AS last_id,
            (SELECT count(*) FROM upd)::int AS changed,
            (SELECT coalesce(sum(old_cost), 0) FROM upd)::text AS old_sum,
            (SELECT coalesce(sum(new_cost), 0) FROM upd)::text AS new_sum,
            (SELECT array_agg(DISTINCT team_id::text || '|' || day::text) FROM upd) AS days`,
    [...params, run.cursor ?? '0', chunkSize],
  )
  const out = rows[0]
  if (!out || out.n === 0 || out.last_id === null) return { finished: true }
  const result = run.result ?? emptyResult()
  result.events += out.n
  result.changed += out.changed
  result.oldCost = new Decimal(result.oldCost).plus(out.old_sum).toFixed()
  result.newCost = new Decimal(result.newCost).plus(out.new_sum).toFixed()
  result.delta = new Decimal(result.newCost).minus(result.oldCost).toFixed()
  for (const key of out.days ?? []) {
    const [team = '', day = ''] = key.split('|')
    const days = new Set(result.affected[team] ?? [])
    days.add(day)
    result.affected[team] = [...days].sort()
  }
  const done = run.done + out.n
  await client.query(
    `UPDATE reprice_runs SET status = 'running', cursor = $2, done = $3, result = $4, error = NULL WHERE id = $1`,
    [run.id, out.last_id, done, JSON.stringify(result)],
  )
  return { finished: false, done, total: run.total }
}

/**
 * Applies a re-price run: events of the window in id order from the run's cursor, each chunk's UPDATE
 * and the cursor/progress committing together, so a crashed or retried run resumes where it stopped and
 * never applies a chunk twice (re-pricing is idempotent besides). Then rebuilds the rollups of the
 * team-days whose events changed and marks the run done, in one transaction. Closed months keep their
 * frozen statements; the change shows up there as an adjustment.
 */
export async function runRepriceChunked(
  pool: pg.Pool,
  runId: number,
  opts: { chunkSize?: number; onProgress?: (p: RepriceProgress) => void | Promise<void> } = {},
): Promise<RepriceRunResult> {
  const chunkSize = opts.chunkSize ?? 50_000
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new AppError('invalid', 'chunkSize must be a positive integer')
  for (;;) {
    const step = await inTransaction(pool, async (client): Promise<Step> => {
      const run = await lockRun(client, runId)
      if (run.dry_run) return { kind: 'dry-run', run }
      if (run.status === 'done') return { kind: 'done', result: run.result ?? emptyResult() }
      return { kind: 'chunk', outcome: await processChunk(client, run, chunkSize) }
    })
    if (step.kind === 'dry-run') return finishDryRun(pool, step.run)
    if (step.kind === 'done') return step.result
    if (step.outcome.finished) break
    await opts.onProgress?.({ runId, done: step.outcome.done, total: step.outcome.total, percent: percent(step.outcome.done, step.outcome.total) })
  }
  const result = await inTransaction(pool, async (client) => {
    const run = await lockRun(client, runId)
    const current = run.result ?? emptyResult()
    if (run.status === 'done') return current
    const teamDays: TeamDay[] = Object.entries(current.affected).flatMap(([team, days]) => days.map((day) => ({ teamId: Number(team), day })))
    const final: RepriceRunResult = { ...current, rebuiltDays: teamDays.length }
    await rebuildRollupDays(client, teamDays)
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
        JSON.stringify({ cost: final.newCost, delta: final.delta, events: final.events, changed: final.changed, rebuiltDays: final.rebuiltDays }),
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
