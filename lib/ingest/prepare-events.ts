import type { Decimal } from '@/lib/pricing/decimal'
import type { CatalogModel } from '@/lib/catalog/match-model'
import { normalizeUsage } from '@/lib/usage/normalize-usage'
import type { TokenBuckets } from '@/lib/usage/token-buckets'
import { priceEvent } from '@/lib/pricing/price-event'
import type { buildPriceIndex } from '@/lib/pricing/price-version'
import type { AdvisableEvent, Advice } from '@/lib/policy/types'
import { parseUsageEvent } from './parse-usage-event'
import { flatTokenFields, MAX_RAW_USAGE_BYTES, UNSTORABLE_TEXT } from './usage-event-schema'

/** What a door other than the public event shape knows about an event (index for index with the events). */
export type EventExtras = {
  /** The call failed: stored as a call with no tokens and no cost (status failed), never as spend. */
  failed?: boolean
  /** The cost the sender computed (LiteLLM's response_cost), kept beside ours. */
  reportedCost?: Decimal | null
}

export type IngestContext = {
  teamId: number
  now: Date
  maxAgeMs: number
  maxFutureMs: number
  matchModel: (model: string, provider?: string) => CatalogModel | null
  prices: ReturnType<typeof buildPriceIndex>
  advise?: (e: AdvisableEvent) => Advice | null
  extras?: readonly (EventExtras | undefined)[]
}

export type EventRow = {
  eventId: string
  ts: Date
  modelRaw: string
  modelId: number | null
  provider: string | null
  buckets: TokenBuckets
  cost: Decimal | null
  priceVersionId: number | null
  status: 'priced' | 'unpriced' | 'failed'
  task: string | null
  dataClass: string | null
  latencyMs: number | null
  tags: string | null
  rawUsage: string | null
  advice: Advice | null
  reportedCost: Decimal | null
}

export type EventResult = { id: string; status: 'accepted' | 'duplicate' | 'rejected'; error?: string }

export type PreparedBatch = {
  rows: EventRow[]
  /** One per submitted event, in order; accepted ones may still turn out to be duplicates on insert. */
  results: EventResult[]
}

type ModelEntry = { model: CatalogModel | null; provider: string | null }

/**
 * matchModel and the stored provider name once per distinct (model, provider) in a batch: a batch repeats
 * a handful of them, and two Map lookups on the strings as sent cost less than building a key per event.
 */
function batchModelLookup(matchModel: IngestContext['matchModel']): (model: string, provider: string | undefined) => ModelEntry {
  const byModel = new Map<string, Map<string | undefined, ModelEntry>>()
  return (model, provider) => {
    let byProvider = byModel.get(model)
    if (byProvider === undefined) byModel.set(model, (byProvider = new Map()))
    let entry = byProvider.get(provider)
    if (entry === undefined) {
      entry = { model: matchModel(model, provider), provider: provider?.toLowerCase() ?? null }
      byProvider.set(provider, entry)
    }
    return entry
  }
}

const NO_TOKENS: TokenBuckets = Object.freeze({ input: 0, cacheRead: 0, cacheWrite: 0, output: 0, reasoning: 0 })
const FAILED = { status: 'failed', cost: null, priceVersionId: null } as const

// A UTF-16 unit is at most 3 UTF-8 bytes, so a string this short cannot exceed MAX_RAW_USAGE_BYTES.
const SURELY_SMALL_USAGE = Math.floor(MAX_RAW_USAGE_BYTES / 3)

/**
 * Validates, normalises, matches, prices and advises each event. Pure: everything it needs is in ctx.
 * A bad event is rejected with what was wrong and where; the others go on.
 */
export function prepareEvents(events: readonly unknown[], ctx: IngestContext): PreparedBatch {
  const rows: EventRow[] = []
  const results: EventResult[] = []
  const seen = new Set<string>()
  const oldest = ctx.now.getTime() - ctx.maxAgeMs
  const newest = ctx.now.getTime() + ctx.maxFutureMs
  const lookupModel = batchModelLookup(ctx.matchModel)
  for (let i = 0; i < events.length; i++) {
    const raw = events[i]
    const parsed = parseUsageEvent(raw, i)
    if (!parsed.ok) {
      results.push(rejection(raw, i, parsed.error))
      continue
    }
    const e = parsed.event

    const ts = new Date(e.timestamp)
    if (ts.getTime() < oldest) {
      results.push(rejection(raw, i, `events[${i}].timestamp: ${e.timestamp} is older than the accepted window (${Math.round(ctx.maxAgeMs / 86_400_000)} days)`))
      continue
    }
    if (ts.getTime() > newest) {
      results.push(rejection(raw, i, `events[${i}].timestamp: ${e.timestamp} is in the future (more than ${Math.round(ctx.maxFutureMs / 60_000)} minutes ahead)`))
      continue
    }

    const hasFlat =
      e.input_tokens !== undefined || e.output_tokens !== undefined || e.cache_read_tokens !== undefined || e.cache_write_tokens !== undefined || e.reasoning_tokens !== undefined
    if (e.usage !== undefined && hasFlat) {
      results.push(rejection(raw, i, `events[${i}]: give either 'usage' or the flat token fields, not both`))
      continue
    }
    if (e.usage === undefined && !hasFlat) {
      results.push(rejection(raw, i, `events[${i}]: token counts missing: give 'usage' (provider-native) or flat fields (${flatTokenFields.join(', ')})`))
      continue
    }

    let rawUsage: string | null = null
    if (e.usage !== undefined) {
      rawUsage = serializeUsage(e.usage)
      if (rawUsage === null || (rawUsage.length > SURELY_SMALL_USAGE && Buffer.byteLength(rawUsage) > MAX_RAW_USAGE_BYTES)) {
        results.push(rejection(raw, i, `events[${i}].usage: object is larger than ${MAX_RAW_USAGE_BYTES} bytes`))
        continue
      }
      if (hasUnstorableEscape(rawUsage)) {
        results.push(rejection(raw, i, `events[${i}].usage: keys and strings ${UNSTORABLE_TEXT}`))
        continue
      }
    }
    // The event itself carries the flat fields under their own names (normalizeUsage reads only those).
    const norm = normalizeUsage({ provider: e.provider, usage: e.usage, flat: hasFlat ? e : undefined })
    if (!norm.ok) {
      results.push(rejection(raw, i, `events[${i}]: ${norm.error}`))
      continue
    }

    if (seen.has(e.id)) {
      results.push({ id: e.id, status: 'duplicate' })
      continue
    }
    seen.add(e.id)

    const { model, provider } = lookupModel(e.model, e.provider)
    const modelId = model?.id ?? null
    const extras = ctx.extras?.[i]
    const buckets = extras?.failed ? NO_TOKENS : norm.buckets
    const priced = extras?.failed ? FAILED : priceEvent(buckets, modelId, ts, ctx.prices)
    const tags = e.tags ?? null
    const task = e.task ?? null
    const dataClass = e.data_class ?? null
    const latencyMs = e.latency_ms ?? null
    const advice = extras?.failed ? null : (ctx.advise?.({ teamId: ctx.teamId, ts, model, buckets, cost: priced.cost, task, dataClass, latencyMs, tags }) ?? null)

    rows.push({
      eventId: e.id,
      ts,
      modelRaw: e.model,
      modelId,
      provider,
      buckets,
      cost: priced.cost,
      priceVersionId: priced.priceVersionId,
      status: priced.status,
      task,
      dataClass,
      latencyMs,
      tags: tags ? JSON.stringify(tags) : null,
      rawUsage,
      advice,
      reportedCost: extras?.reportedCost ?? null,
    })
    results.push({ id: e.id, status: 'accepted' })
  }
  return { rows, results }
}

// JSON.stringify writes U+0000 and unpaired surrogates as \u0000 / \ud800-style escapes, which jsonb refuses
// (the whole batch's INSERT would fail). An escape is real when an even number of backslashes precede it.
const UNSTORABLE_ESCAPE = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/

function hasUnstorableEscape(json: string): boolean {
  return json.includes('\\u') && UNSTORABLE_ESCAPE.test(json)
}

/** JSON of a usage object, or null when it is nested too deeply to serialise (far beyond MAX_RAW_USAGE_BYTES). */
function serializeUsage(usage: Record<string, unknown>): string | null {
  try {
    return JSON.stringify(usage)
  } catch (err) {
    if (err instanceof RangeError) return null
    throw err
  }
}

/** A rejected event is reported under the id it was sent with, else its position. */
function rejection(raw: unknown, i: number, error: string): EventResult {
  const id = (raw as { id?: unknown } | null | undefined)?.id
  return { id: typeof id === 'string' ? id : `#${i}`, status: 'rejected', error }
}
