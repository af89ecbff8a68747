import type pg from 'pg'
import type { SqlClient } from '@/lib/db'
import { ensureUsageEventPartitions, isMissingPartitionError } from '@/lib/partitions/ensure-usage-event-partitions'
import { monthStartUtc } from '@/lib/partitions/usage-partition-months'
import type { EventRow } from './prepare-events'

// The whole batch travels as ONE jsonb parameter: an array of rows, each an array of values in the order
// the statement reads them (no key names: half the bytes of an array of objects). It costs this process
// less CPU than one array parameter per column, which node-pg escapes element by element
// (docs/benchmarks.md, "One jsonb parameter per batch").
const SQL = `
  WITH b AS (
    INSERT INTO ingest_batches (team_id, source, event_count) VALUES ($1, $2, $3) RETURNING id
  ), u AS (
    -- First occurrence wins within a batch, as it did with one INSERT … ON CONFLICT.
    SELECT DISTINCT ON (r.event_id) r.*
      FROM (SELECT x.n, x.e->>0 AS event_id, (x.e->>1)::timestamptz AS ts, x.e->>2 AS model_raw,
                   (x.e->>3)::int AS model_id, x.e->>4 AS provider,
                   (x.e->>5)::int AS input_tokens, (x.e->>6)::int AS cache_read_tokens, (x.e->>7)::int AS cache_write_tokens,
                   (x.e->>8)::int AS output_tokens, (x.e->>9)::int AS reasoning_tokens,
                   (x.e->>10)::numeric AS cost, (x.e->>11)::int AS price_version_id, (x.e->>12)::"EventStatus" AS status,
                   (x.e->>13)::"TaskType" AS task, (x.e->>14)::"DataClass" AS data_class, (x.e->>15)::int AS latency_ms,
                   (x.e->>16)::jsonb AS tags, (x.e->>17)::jsonb AS raw_usage,
                   x.e->>18 AS advice_rule, (x.e->>19)::"Severity" AS advice_severity,
                   (x.e->>20)::int AS suggested_model_id, (x.e->>21)::numeric AS estimated_saving,
                   (x.e->>22)::numeric AS reported_cost
              FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS x(e, n)) r
     ORDER BY r.event_id, r.n
  ), k AS (
    INSERT INTO usage_event_keys (team_id, event_id, ts)
    SELECT $1, u.event_id, u.ts FROM u
    ON CONFLICT (team_id, event_id) DO NOTHING
    RETURNING event_id
  ), ins AS (
    INSERT INTO usage_events (
      team_id, batch_id, event_id, ts, model_raw, model_id, provider,
      input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
      cost, price_version_id, status, task, data_class, latency_ms, tags, raw_usage,
      advice_rule, advice_severity, suggested_model_id, estimated_saving, reported_cost)
    SELECT $1, (SELECT id FROM b), u.event_id, u.ts, u.model_raw, u.model_id, u.provider,
           u.input_tokens, u.cache_read_tokens, u.cache_write_tokens, u.output_tokens, u.reasoning_tokens,
           u.cost, u.price_version_id, u.status, u.task, u.data_class, u.latency_ms, u.tags, u.raw_usage,
           u.advice_rule, u.advice_severity, u.suggested_model_id, u.estimated_saving, u.reported_cost
      FROM u JOIN k ON k.event_id = u.event_id
     ORDER BY u.n
  )
  -- The ids NOT inserted (keys already taken), usually none: cheaper to send and parse than the 500 that were.
  SELECT (SELECT id FROM b)::text AS batch_id,
         (SELECT array_agg(u.event_id) FROM u WHERE NOT EXISTS (SELECT FROM k WHERE k.event_id = u.event_id)) AS skipped`

/**
 * Stores a batch in ONE statement (so in one implicit transaction): the ingest_batches row, the
 * idempotency keys (usage_event_keys, ON CONFLICT DO NOTHING) and exactly the events whose key was new,
 * so (team_id, event_id) stays unique across months although usage_events is partitioned by month.
 * Returns the batch id and the ids actually inserted; the rest were duplicates of earlier batches (or
 * repeated in this one). An event in a month that has no partition yet (a backfill older than the
 * months the maintenance job keeps) creates that month and the batch is retried once; the first attempt
 * rolled back entirely, so the retry is the same batch. Pass a pool, or a client outside a transaction
 * (a failed statement would abort the caller's transaction before the retry).
 */
export async function insertUsageBatch(
  db: SqlClient,
  teamId: number,
  source: string,
  rows: readonly EventRow[],
): Promise<{ batchId: string; insertedIds: Set<string> }> {
  // Named: each connection parses and plans the statement once, not on every batch.
  const query = { name: 'insert-usage-batch', text: SQL, values: [teamId, source, rows.length, batchJson(rows)] }
  let out: pg.QueryResult<{ batch_id: string; skipped: string[] | null }>
  try {
    out = await db.query(query)
  } catch (err) {
    if (!isMissingPartitionError(err)) throw err
    for (const month of monthsOf(rows)) await ensureUsageEventPartitions(db, month, month)
    out = await db.query(query)
  }
  const first = out.rows[0]
  if (!first) throw new Error('insertUsageBatch: no result row')
  // Every distinct id of the batch (as stored) was inserted unless its key was already taken.
  const insertedIds = new Set<string>()
  for (const r of rows) insertedIds.add(wellFormed(r.eventId))
  for (const id of first.skipped ?? []) insertedIds.delete(id)
  return { batchId: first.batch_id, insertedIds }
}

function monthsOf(rows: readonly EventRow[]): Date[] {
  const months = new Map<number, Date>()
  for (const r of rows) {
    const m = monthStartUtc(r.ts)
    months.set(m.getTime(), m)
  }
  return [...months.values()]
}

/** Lone surrogates become U+FFFD, as UTF-8 encoding did for the old text parameters: jsonb rejects the
 *  \ud800-style escapes JSON.stringify would write for them. */
function wellFormed<S extends string | null>(s: S): S {
  return (s === null || s.isWellFormed() ? s : s.toWellFormed()) as S
}

/** The batch as JSON: one array of values per row, in the order the statement reads them (0 … 22).
 *  Built as arrays and stringified once: V8's JSON.stringify writes them faster than string templates. */
function batchJson(rows: readonly EventRow[]): string {
  const values: unknown[][] = new Array(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as EventRow
    const b = r.buckets
    const a = r.advice
    values[i] = [
      wellFormed(r.eventId), r.ts.toISOString(), wellFormed(r.modelRaw), r.modelId, wellFormed(r.provider),
      b.input, b.cacheRead, b.cacheWrite, b.output, b.reasoning,
      r.cost?.toFixed() ?? null, r.priceVersionId, r.status, wellFormed(r.task), wellFormed(r.dataClass), r.latencyMs,
      // JSON text already, sent as strings (never spliced in: a malformed one must not change the batch).
      wellFormed(r.tags), wellFormed(r.rawUsage),
      a?.rule ?? null, a?.severity ?? null, a?.suggestedModelId ?? null, a?.estimatedSaving?.toFixed() ?? null,
      r.reportedCost?.toFixed() ?? null,
    ]
  }
  return JSON.stringify(values)
}
