import type pg from 'pg'
import { ingestSources, type IngestSource } from '@/lib/ingest/ingest-source'

export type LastReceived = {
  source: IngestSource
  /** The newest batch from this source, or null when none has arrived. */
  receivedAt: Date | null
  eventCount: number | null
  teamSlug: string | null
}

/**
 * The newest ingest batch per source, for one team or (teamId null: admin, finance) all of them.
 * Per team and source it is one probe of ingest_batches_team_source_idx, so its cost follows the
 * number of teams, not of batches ever received.
 */
export async function loadLastReceived(db: pg.Pool, teamId: number | null): Promise<LastReceived[]> {
  const { rows } = await db.query<{ source: IngestSource; received_at: Date | null; event_count: number | null; slug: string | null }>(
    `SELECT s.source, last.received_at, last.event_count, last.slug
       FROM unnest($1::text[]) AS s(source)
       LEFT JOIN LATERAL (
         SELECT b.received_at, b.event_count, t.slug
           FROM teams t
           CROSS JOIN LATERAL (
             SELECT received_at, event_count FROM ingest_batches
              WHERE team_id = t.id AND source = s.source
              ORDER BY received_at DESC LIMIT 1
           ) b
          WHERE $2::int IS NULL OR t.id = $2
          ORDER BY b.received_at DESC LIMIT 1
       ) last ON true`,
    [ingestSources, teamId],
  )
  const bySource = new Map(rows.map((r) => [r.source, r]))
  return ingestSources.map((source) => {
    const r = bySource.get(source)
    return { source, receivedAt: r?.received_at ?? null, eventCount: r?.event_count ?? null, teamSlug: r?.slug ?? null }
  })
}
