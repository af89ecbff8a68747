import type pg from 'pg'
import { AppError } from '@/lib/errors'
import { ingestEvents, type IngestOptions } from './ingest-usage-batch'
import { OtlpShapeError, parseOtlpTraces } from './parse-otlp-traces'
import { MAX_EVENTS_PER_BATCH } from './usage-event-schema'

/** Spans → events → the usage write path, in batches of at most MAX_EVENTS_PER_BATCH. */
export async function ingestOtlpTraces(db: pg.Pool, teamId: number, body: unknown, opts: Pick<IngestOptions, 'advise'> = {}): Promise<{ accepted: number; rejectedSpans: number; errorMessage: string }> {
  let parsed
  try {
    parsed = parseOtlpTraces(body)
  } catch (e) {
    if (e instanceof OtlpShapeError) throw new AppError('invalid', `invalid OTLP trace request: ${e.message}`)
    throw e
  }
  const errors = parsed.rejected.map((r) => r.error)
  let accepted = 0
  for (let i = 0; i < parsed.events.length; i += MAX_EVENTS_PER_BATCH) {
    const out = await ingestEvents(db, teamId, parsed.events.slice(i, i + MAX_EVENTS_PER_BATCH), { source: 'otlp', advise: opts.advise })
    accepted += out.accepted + out.duplicates
    // The event validator says "events[3].timestamp"; an OTLP client needs to know which span that was.
    for (const r of out.results)
      if (r.status === 'rejected' && r.error) errors.push(r.error.replace(/^events\[(\d+)\]/, (whole, k: string) => parsed.eventSpans[i + Number(k)] ?? whole))
  }
  return { accepted, rejectedSpans: errors.length, errorMessage: errors.slice(0, 5).join('; ') + (errors.length > 5 ? ` (+${errors.length - 5} more)` : '') }
}
