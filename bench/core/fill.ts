import { performance } from 'node:perf_hooks'
import type pg from 'pg'
import { prng } from './events'
import { checkTemplatePricing, createTeams, loadTemplates, pricingSql, type FillTeam } from './fill-setup'
import type { BenchContext } from './types'

// Fills the benchmark database with `events` usage events (the --events flag) for the benchmarks that
// read a filled database (page data, what-if, re-price). 10M events in minutes, not hours:
//
//  1. Teams: `teams` fill teams, each following one of the demo usage profiles (lib/demo) with that demo
//     team's policy; budgets scaled to the fill's volume.
//  2. Templates: a few thousand events per profile from the demo generator, sent through the real ingest
//     preparation (prepareEvents: validation, token normalisation, alias matching, pricing, the team
//     policy's advice) and stored in an unlogged scratch table.
//  3. Rows: generated inside PostgreSQL, chunk by chunk (INSERT … SELECT FROM generate_series — nothing
//     crosses the wire per row): batch b of 500 events belongs to one team (drawn by profile volume) and
//     to one time slot of the window (ids grow with time, as with real ingest); each event copies a
//     template of its team's profile (hash of its number) and is priced at its OWN timestamp with the
//     production SQL twin of calculateCost (price-at-event-sql.ts), its advice's saving likewise.
//     Writes usage_event_keys rows too, and creates the monthly partitions first, when the schema has them.
//  4. The batches are marked applied and the rollups rebuilt over the window in one go
//     (rebuildRollups), then VACUUM ANALYZE: the state the workers (and autovacuum) would leave.

export type { FillTeam }

export type FillResult = {
  events: number
  /** Id of the fill's first ingest batch (its presence tells that the fill is still there). */
  firstBatch: string
  batches: number
  days: number
  from: Date
  to: Date
  teams: FillTeam[]
  templates: number
  /** Seconds per phase, and events/s of the row generation alone and of the whole fill. */
  seconds: { setup: number; insert: number; rollups: number; vacuum: number; total: number }
  insertRate: number
  totalRate: number
  schema: { partitioned: boolean; eventKeys: boolean }
  tag: string
}

export type FillOptions = { days?: number; teams?: number; chunkEvents?: number; concurrency?: number }

const FILL_BATCH = 500

type SchemaInfo = { partitioned: boolean; eventKeys: boolean; keyColumns: string[] }

async function inspectSchema(pool: pg.Pool): Promise<SchemaInfo> {
  const { rows } = await pool.query<{ partitioned: boolean; keys: boolean; ensure: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid WHERE c.relname = 'usage_events') AS partitioned,
            to_regclass('usage_event_keys') IS NOT NULL AS keys,
            to_regproc('ensure_usage_event_partitions') IS NOT NULL AS ensure`,
  )
  const r = rows[0]!
  let keyColumns: string[] = []
  if (r.keys) {
    const cols = await pool.query<{ column_name: string; is_nullable: string; column_default: string | null }>(
      `SELECT column_name, is_nullable, column_default FROM information_schema.columns WHERE table_name = 'usage_event_keys' AND table_schema = current_schema() ORDER BY ordinal_position`,
    )
    const known = new Set(['team_id', 'event_id', 'ts', 'batch_id'])
    const unknownRequired = cols.rows.filter((c) => !known.has(c.column_name) && c.is_nullable === 'NO' && c.column_default === null)
    if (unknownRequired.length) throw new Error(`fill: usage_event_keys has required columns the filler does not know: ${unknownRequired.map((c) => c.column_name).join(', ')}`)
    keyColumns = cols.rows.map((c) => c.column_name).filter((c) => known.has(c))
  }
  return { partitioned: r.partitioned || r.ensure, eventKeys: r.keys, keyColumns }
}

function insertSql(schema: SchemaInfo, p: { joins: string; cost: string; suggestedCost: string }): string {
  const keys = schema.eventKeys
    ? `INSERT INTO usage_event_keys (${schema.keyColumns.join(', ')}) SELECT ${schema.keyColumns.join(', ')} FROM ins`
    : 'SELECT count(*) FROM ins'
  // $1 first event number, $2 last + 1, $3 id of batch 0, $4 window start, $5 slot length (ms), $6 event id prefix.
  return `
    WITH src AS (
      SELECT g.n, $3::bigint + g.n / ${FILL_BATCH} AS batch_id,
             date_trunc('milliseconds', $4::timestamptz
               + ((g.n / ${FILL_BATCH})::float8 + (hashint8extended(g.n, 1) & 1048575)::float8 / 1048576) * $5::float8 * interval '1 millisecond') AS ts,
             (hashint8extended(g.n, 2) & 2147483647) AS h
        FROM generate_series($1::bigint, $2::bigint - 1) AS g(n)
    ), e AS (
      SELECT s.ts, b.team_id, s.batch_id, $6::text || s.n AS event_id,
             t.model_raw, t.model_id, t.provider, t.input_tokens, t.cache_read_tokens, t.cache_write_tokens, t.output_tokens,
             t.reasoning_tokens, t.task, t.data_class, t.latency_ms, t.tags, t.raw_usage, t.advice_rule, t.advice_severity,
             t.suggested_model_id, t.has_saving
        FROM src s
        JOIN ingest_batches b ON b.id = s.batch_id
        JOIN bench_fill_teams ft ON ft.team_id = b.team_id
        JOIN bench_fill_templates t ON t.profile = ft.profile AND t.k = s.h % ft.templates
    ), ins AS (
      INSERT INTO usage_events (team_id, batch_id, event_id, ts, model_raw, model_id, provider,
                                input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
                                cost, price_version_id, status, task, data_class, latency_ms, tags, raw_usage,
                                advice_rule, advice_severity, suggested_model_id, estimated_saving)
      SELECT e.team_id, e.batch_id, e.event_id, e.ts, e.model_raw, e.model_id, e.provider,
             e.input_tokens, e.cache_read_tokens, e.cache_write_tokens, e.output_tokens, e.reasoning_tokens,
             c.cost, pv.id, CASE WHEN pv.id IS NULL THEN 'unpriced' ELSE 'priced' END::"EventStatus",
             e.task, e.data_class, e.latency_ms, e.tags, e.raw_usage, e.advice_rule, e.advice_severity, e.suggested_model_id,
             CASE WHEN e.has_saving AND c.cost IS NOT NULL AND sc.cost IS NOT NULL THEN c.cost - sc.cost END
        FROM e
        ${p.joins}
        CROSS JOIN LATERAL (SELECT ${p.cost} AS cost) c
        CROSS JOIN LATERAL (SELECT ${p.suggestedCost} AS cost) sc
      RETURNING team_id, event_id, ts, batch_id
    )
    ${keys}`
}

/** Batch b's team: drawn by weight with a fixed seed, so a given --events always gives the same data. */
function batchTeams(teams: FillTeam[], batches: number): number[] {
  const rnd = prng(20_261_129)
  const sum = teams.reduce((s, t) => s + t.weight, 0)
  const out: number[] = new Array(batches)
  for (let b = 0; b < batches; b++) {
    let x = rnd() * sum
    let id = teams[teams.length - 1]!.id
    for (const t of teams) {
      x -= t.weight
      if (x < 0) {
        id = t.id
        break
      }
    }
    out[b] = id
  }
  return out
}

export async function fillDatabase(ctx: BenchContext, events: number, opts: FillOptions = {}): Promise<FillResult> {
  const { lib } = ctx
  const days = opts.days ?? 100
  const chunkEvents = Math.max(FILL_BATCH, Math.floor((opts.chunkEvents ?? 250_000) / FILL_BATCH) * FILL_BATCH)
  const concurrency = opts.concurrency ?? 2
  const t0 = performance.now()
  const now = new Date()
  // The window ends a minute ago; whole events only, so "today" has data like a live system.
  const to = new Date(now.getTime() - 60_000)
  const from = new Date(to.getTime() - days * 86_400_000)
  const batches = Math.ceil(events / FILL_BATCH)
  const slotMs = (to.getTime() - from.getTime()) / batches
  const tag = ctx.newTag()

  const schema = await inspectSchema(lib.pool)
  ctx.log(`fill: ${events.toLocaleString('en-US')} events over ${days} days (${schema.partitioned ? 'partitioned' : 'plain'} usage_events${schema.eventKeys ? ' + usage_event_keys' : ''})`)
  await ctx.resetData()
  if (schema.eventKeys) await lib.pool.query('TRUNCATE usage_event_keys')
  // Paused after the reset (a stopped worker could hold a lock the TRUNCATE waits for): no rollup job
  // runs, and neither the sweeper nor reconcile races the inserts or the rebuild below.
  ctx.pauseWorker()
  try {
    const teams = await createTeams(ctx, opts.teams ?? 10, events, days)
    const templates = await loadTemplates(ctx, teams, now)
    await checkTemplatePricing(lib.pool)
    await lib.pool.query('DROP TABLE IF EXISTS bench_fill_teams')
    await lib.pool.query('CREATE UNLOGGED TABLE bench_fill_teams (team_id int PRIMARY KEY, profile int NOT NULL, templates int NOT NULL)')
    await lib.pool.query('INSERT INTO bench_fill_teams SELECT * FROM unnest($1::int[], $2::int[], $3::int[])', [
      teams.map((t) => t.id),
      teams.map((t) => t.profile),
      teams.map((t) => templates.perProfile.get(t.profile) ?? 0),
    ])
    await lib.pool.query('ANALYZE bench_fill_templates, bench_fill_teams')
    const ensure = await lib.pool.query<{ ok: boolean }>(`SELECT to_regproc('ensure_usage_event_partitions') IS NOT NULL AS ok`)
    if (ensure.rows[0]?.ok) {
      await lib.pool.query(`SELECT ensure_usage_event_partitions(date_trunc('month', $1::timestamptz AT TIME ZONE 'UTC')::date, date_trunc('month', $2::timestamptz AT TIME ZONE 'UTC')::date)`, [from.toISOString(), to.toISOString()])
    }

    // Batch ids: a block of the sequence, so ids keep counting after a reset (BullMQ job ids stay unique).
    const seq = await lib.pool.query<{ first: string }>(`SELECT nextval(pg_get_serial_sequence('ingest_batches', 'id'))::text AS first`)
    const firstBatch = BigInt(seq.rows[0]!.first)
    await lib.pool.query(`SELECT setval(pg_get_serial_sequence('ingest_batches', 'id'), $1::bigint)`, [(firstBatch + BigInt(batches)).toString()])
    const teamOf = batchTeams(teams, batches)
    const setupSeconds = (performance.now() - t0) / 1000

    const sql = insertSql(schema, await pricingSql())
    const t1 = performance.now()
    let nextChunk = 0
    let done = 0
    let lastLog = performance.now()
    const chunks = Math.ceil(events / chunkEvents)
    const worker = async () => {
      const client = await lib.pool.connect()
      try {
        await client.query('SET synchronous_commit = off')
        for (let c = nextChunk++; c < chunks; c = nextChunk++) {
          const n0 = c * chunkEvents
          const n1 = Math.min(events, n0 + chunkEvents)
          const b0 = n0 / FILL_BATCH
          const b1 = Math.ceil(n1 / FILL_BATCH)
          await client.query('BEGIN')
          await client.query(
            `INSERT INTO ingest_batches (id, team_id, source, event_count, received_at)
             SELECT $1::bigint + b, t, 'bench-fill', least($4::int, $5::bigint - b * $4::int)::int,
                    $2::timestamptz + ((b + 1)::float8 * $3::float8) * interval '1 millisecond'
               FROM unnest($6::int[]) WITH ORDINALITY AS u(t, i), LATERAL (SELECT $7::bigint + i - 1 AS b) x`,
            [firstBatch.toString(), from.toISOString(), slotMs, FILL_BATCH, events, teamOf.slice(b0, b1), b0],
          )
          await client.query(sql, [n0, n1, firstBatch.toString(), from.toISOString(), slotMs, `fill-${tag}-`])
          await client.query('COMMIT')
          done += n1 - n0
          if (performance.now() - lastLog > 15_000 || done === events) {
            lastLog = performance.now()
            const s = (performance.now() - t1) / 1000
            ctx.log(`  filled ${done.toLocaleString('en-US')} of ${events.toLocaleString('en-US')} events (${Math.round(done / s).toLocaleString('en-US')}/s)`)
          }
        }
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw err
      } finally {
        await client.query('RESET synchronous_commit').catch(() => undefined)
        client.release()
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, chunks) }, worker))
    const insertSeconds = (performance.now() - t1) / 1000

    const t2 = performance.now()
    await lib.pool.query(`UPDATE ingest_batches SET rolled_up_at = now() WHERE source = 'bench-fill' AND rolled_up_at IS NULL`)
    await lib.rebuildRollups(lib.pool, { from: new Date(from.getTime() - 86_400_000), to: new Date(to.getTime() + 86_400_000) })
    const rollupSeconds = (performance.now() - t2) / 1000
    ctx.log(`  rollups rebuilt in ${rollupSeconds.toFixed(0)} s`)

    const t3 = performance.now()
    await lib.pool.query('DROP TABLE bench_fill_teams')
    await lib.pool.query('DROP TABLE bench_fill_templates')
    await lib.pool.query(`VACUUM (ANALYZE) usage_events, ingest_batches, rollups_hourly, rollups_daily, rollups_profile_daily${schema.eventKeys ? ', usage_event_keys' : ''}`)
    const vacuumSeconds = (performance.now() - t3) / 1000
    const total = (performance.now() - t0) / 1000
    const { rows } = await lib.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM usage_events')
    const stored = Number(rows[0]?.n ?? 0)
    if (stored !== events) throw new Error(`fill: ${stored} events stored, ${events} expected`)
    return {
      events,
      firstBatch: firstBatch.toString(),
      batches,
      days,
      from,
      to,
      teams,
      templates: templates.total,
      seconds: { setup: setupSeconds, insert: insertSeconds, rollups: rollupSeconds, vacuum: vacuumSeconds, total },
      insertRate: events / insertSeconds,
      totalRate: events / total,
      schema: { partitioned: schema.partitioned, eventKeys: schema.eventKeys },
      tag,
    }
  } finally {
    ctx.resumeWorker()
  }
}

/**
 * The filled database the read-side benchmarks share: filled once per invocation (--events), reused by
 * every benchmark after the first, refilled if something emptied it in between.
 */
export async function ensureFilled(ctx: BenchContext): Promise<FillResult> {
  const known = (ctx.shared.get('fill') as FillResult | undefined) ?? (await storedFill(ctx))
  if (known) {
    const { rows } = await ctx.lib.pool.query<{ ok: boolean }>(`SELECT EXISTS (SELECT 1 FROM ingest_batches WHERE id = $1 AND source = 'bench-fill') AS ok`, [known.firstBatch])
    if (rows[0]?.ok) {
      ctx.shared.set('fill', known)
      return known
    }
    ctx.log('fill: the filled data is gone (a benchmark reset it); filling again')
  }
  const result = await fillDatabase(ctx, ctx.opts.events)
  ctx.log(
    `fill: ${result.events.toLocaleString('en-US')} events in ${result.seconds.total.toFixed(0)} s (rows ${result.seconds.insert.toFixed(0)} s = ${Math.round(result.insertRate).toLocaleString('en-US')}/s; rollups ${result.seconds.rollups.toFixed(0)} s; vacuum ${result.seconds.vacuum.toFixed(0)} s)`,
  )
  ctx.shared.set('fill', result)
  // Kept with the data, so a later run with --reuse-db can skip the fill.
  await ctx.lib.pool.query('CREATE TABLE IF NOT EXISTS bench_fill_result (result jsonb NOT NULL)')
  await ctx.lib.pool.query('TRUNCATE bench_fill_result')
  await ctx.lib.pool.query('INSERT INTO bench_fill_result VALUES ($1)', [JSON.stringify(result)])
  return result
}

/** The fill an earlier run left in a reused database (--reuse-db), when it has the --events asked for. */
async function storedFill(ctx: BenchContext): Promise<FillResult | undefined> {
  if (!ctx.opts.reuseDb) return undefined
  const { rows } = await ctx.lib.pool.query<{ result: FillResult }>(
    "SELECT result FROM bench_fill_result WHERE to_regclass('bench_fill_result') IS NOT NULL LIMIT 1",
  ).catch(() => ({ rows: [] as { result: FillResult }[] }))
  const r = rows[0]?.result
  if (!r || r.events !== ctx.opts.events) return undefined
  ctx.log(`fill: reusing the ${r.events.toLocaleString('en-US')} events filled at ${String(r.to)} in ${ctx.opts.reuseDb}`)
  return { ...r, from: new Date(r.from), to: new Date(r.to) }
}
