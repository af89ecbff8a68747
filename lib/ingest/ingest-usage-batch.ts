import type pg from 'pg'
import { env } from '@/lib/env'
import { AppError } from '@/lib/errors'
import { logger } from '@/lib/logger'
import { enqueueRollup } from '@/lib/queues'
import { getPricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { insertUsageBatch } from './insert-usage-batch'
import type { AdvisableEvent, Advice } from '@/lib/policy/types'
import { prepareEvents, type EventExtras, type EventResult } from './prepare-events'
import { describeZodError, usageEnvelopeSchema } from './usage-event-schema'

export type IngestOutcome = {
  accepted: number
  duplicates: number
  rejected: number
  results: EventResult[]
  batchId: string | null
  /** The rollup job being enqueued (true once it is in Redis); null when none was asked for. Not awaited by ingest. */
  rollupEnqueued: Promise<boolean> | null
}

// How long a background enqueue may take before it counts as failed (Redis down or hung); the sweeper
// then applies the batch. Generous on purpose: a slow enqueue under CPU starvation is not a failure.
const ENQUEUE_GIVE_UP_MS = 30_000

export type IngestOptions = {
  source?: string
  now?: Date
  /** Overrides INGEST_MAX_AGE_DAYS (the demo seed backfills 60 days through this same path). */
  maxAgeMs?: number
  /** false: leave the batch to the sweeper (the seed applies its batches itself). Default true. */
  enqueue?: boolean
  /** The policy module's per-event advice (lib/policy), when it is wired in. */
  advise?: (e: AdvisableEvent) => Advice | null
  /** Per event, index for index: a failed call, the sender's own cost (the LiteLLM door). */
  extras?: readonly (EventExtras | undefined)[]
}

/** Validates the envelope, then stores every valid event (idempotently) before returning. */
export async function ingestUsageEnvelope(db: pg.Pool, teamId: number, body: unknown, opts: IngestOptions = {}): Promise<IngestOutcome> {
  const envelope = usageEnvelopeSchema.safeParse(body)
  if (!envelope.success) throw new AppError('invalid', `invalid envelope: ${describeZodError(envelope.error)} (expected {"events": [1..1000 events]})`)
  return ingestEvents(db, teamId, envelope.data.events, opts)
}

/**
 * The write path shared by the usage API, the OTLP endpoint and the LiteLLM callback: prepare (pure), insert in one statement
 * (committed when it returns), then enqueue the rollup without waiting for it: the answer never waits on
 * Redis, and a batch whose job does not arrive stays "not rolled up" until the sweeper applies it.
 */
export async function ingestEvents(db: pg.Pool, teamId: number, events: readonly unknown[], opts: IngestOptions = {}): Promise<IngestOutcome> {
  const snapshot = await getPricingSnapshot(db)
  const prepared = prepareEvents(events, {
    teamId,
    now: opts.now ?? new Date(),
    maxAgeMs: opts.maxAgeMs ?? env.INGEST_MAX_AGE_DAYS * 86_400_000,
    maxFutureMs: env.INGEST_MAX_FUTURE_MINUTES * 60_000,
    matchModel: snapshot.matchModel,
    prices: snapshot.prices,
    advise: opts.advise,
    extras: opts.extras,
  })
  let batchId: string | null = null
  let rollupEnqueued: Promise<boolean> | null = null
  let inserted = new Set<string>()
  if (prepared.rows.length > 0) {
    const stored = await insertUsageBatch(db, teamId, opts.source ?? 'api', prepared.rows)
    batchId = stored.batchId
    inserted = stored.insertedIds
    if (opts.enqueue !== false) rollupEnqueued = enqueueInBackground(batchId)
  }
  return finish(prepared.results, inserted, batchId, rollupEnqueued)
}

function enqueueInBackground(batchId: string): Promise<boolean> {
  return enqueueRollup(batchId, ENQUEUE_GIVE_UP_MS).then((ok) => {
    if (!ok) logger.warn({ batchId }, 'rollup not enqueued (Redis unavailable?); the sweeper will apply the batch')
    return ok
  })
}

function finish(prepared: EventResult[], inserted: Set<string>, batchId: string | null, rollupEnqueued: Promise<boolean> | null): IngestOutcome {
  let accepted = 0
  let duplicates = 0
  let rejected = 0
  const results = prepared.map((r) => {
    if (r.status === 'accepted' && !inserted.has(r.id)) r = { id: r.id, status: 'duplicate' }
    if (r.status === 'accepted') accepted++
    else if (r.status === 'duplicate') duplicates++
    else rejected++
    return r
  })
  return { accepted, duplicates, rejected, results, batchId, rollupEnqueued }
}
