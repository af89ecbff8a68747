import type pg from 'pg'
import type { DemoEvent } from './generate-demo-events'

export const DEMO_CHUNK_SIZE = 5000

// Matching happens in JS (exact alias map); pricing happens in SQL against the price version in force
// at each event's own timestamp, in exact NUMERIC. Multiplying by 0.000001 rather than dividing by 1e6
// keeps the result exact (scale 9 + 6 = 15 = the cost column's scale) where division would round.
const INSERT_SQL = `
INSERT INTO usage_events (
  team_id, event_id, ts, batch_id, model_raw, model_id, provider,
  input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
  cost, price_version_id, status, task, data_class, latency_ms, tags
)
SELECT
  $1, e.event_id, e.ts, $2, e.model_raw, e.model_id, e.provider,
  e.input, e.cache_read, e.cache_write, e.output, e.reasoning,
  CASE WHEN pv.id IS NULL THEN NULL ELSE (
      e.input * pv.input
    + e.cache_read * COALESCE(pv.cache_read, pv.input)
    + e.cache_write * COALESCE(pv.cache_write, pv.input)
    + e.output * pv.output
    + e.reasoning * COALESCE(pv.reasoning, pv.output)
  ) * 0.000001 END,
  pv.id,
  (CASE WHEN pv.id IS NULL THEN 'unpriced' ELSE 'priced' END)::"EventStatus",
  e.task::"TaskType", e.data_class::"DataClass", e.latency_ms, e.tags::jsonb
FROM unnest(
  $3::text[], $4::timestamptz[], $5::text[], $6::int[], $7::text[],
  $8::int[], $9::int[], $10::int[], $11::int[], $12::int[],
  $13::text[], $14::text[], $15::int[], $16::text[]
) AS e(event_id, ts, model_raw, model_id, provider, input, cache_read, cache_write, output, reasoning,
       task, data_class, latency_ms, tags)
LEFT JOIN LATERAL (
  SELECT p.id, p.input, p.cache_read, p.cache_write, p.output, p.reasoning
  FROM price_versions p
  WHERE p.model_id = e.model_id AND p.effective_from <= e.ts AND e.ts < COALESCE(p.effective_to, 'infinity')
  ORDER BY p.effective_from DESC
  LIMIT 1
) pv ON true
ON CONFLICT (team_id, event_id) DO NOTHING`

/**
 * Inserts events in chunks; each chunk is one `ingest_batches` row (source 'seed', not yet rolled up)
 * committed together with its events, so the rollup sweeper picks it up like any API batch.
 * A chunk whose events all exist already is rolled back, leaving no empty batch behind.
 */
export async function insertDemoEvents(
  pool: pg.Pool,
  teamId: number,
  events: readonly DemoEvent[],
  modelIdByName: ReadonlyMap<string, number>,
): Promise<{ inserted: number; batches: number }> {
  let inserted = 0
  let batches = 0
  for (let start = 0; start < events.length; start += DEMO_CHUNK_SIZE) {
    const chunk = events.slice(start, start + DEMO_CHUNK_SIZE)
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      const batch = await client.query<{ id: string }>(
        `INSERT INTO ingest_batches (team_id, source, event_count) VALUES ($1, 'seed', 0) RETURNING id`,
        [teamId],
      )
      const batchId = batch.rows[0]?.id
      if (batchId === undefined) throw new Error('ingest_batches insert returned no id')
      const res = await client.query(INSERT_SQL, [
        teamId,
        batchId,
        chunk.map((e) => e.eventId),
        chunk.map((e) => e.ts.toISOString()),
        chunk.map((e) => e.model),
        chunk.map((e) => modelIdByName.get(e.model.toLowerCase()) ?? null),
        chunk.map((e) => e.provider),
        chunk.map((e) => e.inputTokens),
        chunk.map((e) => e.cacheReadTokens),
        chunk.map((e) => e.cacheWriteTokens),
        chunk.map((e) => e.outputTokens),
        chunk.map((e) => e.reasoningTokens),
        chunk.map((e) => e.task),
        chunk.map((e) => e.dataClass),
        chunk.map((e) => e.latencyMs),
        chunk.map((e) => JSON.stringify(e.tags)),
      ])
      const count = res.rowCount ?? 0
      if (count === 0) {
        await client.query('ROLLBACK')
        continue
      }
      await client.query('UPDATE ingest_batches SET event_count = $2 WHERE id = $1', [batchId, count])
      await client.query('COMMIT')
      inserted += count
      batches++
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw e
    } finally {
      client.release()
    }
  }
  return { inserted, batches }
}
