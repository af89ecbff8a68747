import type { Decimal } from '@/lib/pricing/decimal'
import { type z } from 'zod'
import type { CatalogModel } from '@/lib/catalog/match-model'
import { normalizeUsage } from '@/lib/usage/normalize-usage'
import type { TokenBuckets } from '@/lib/usage/token-buckets'
import { priceEvent } from '@/lib/pricing/price-event'
import type { buildPriceIndex } from '@/lib/pricing/price-version'
import { describeZodError, flatTokenFields, MAX_RAW_USAGE_BYTES, usageEventSchema, type UsageEventInput } from './usage-event-schema'

export type Advice = {
  rule: string
  severity: 'info' | 'saving' | 'warning' | 'risk'
  suggestedModelId: number | null
  estimatedSaving: Decimal | null
}

/** What the policy module sees of an event, and may turn into advice. */
export type AdvisableEvent = {
  teamId: number
  ts: Date
  model: CatalogModel | null
  buckets: TokenBuckets
  cost: Decimal | null
  task: UsageEventInput['task'] | null
  dataClass: UsageEventInput['data_class'] | null
  latencyMs: number | null
  tags: Record<string, string> | null
}

export type IngestContext = {
  teamId: number
  now: Date
  maxAgeMs: number
  maxFutureMs: number
  matchModel: (model: string, provider?: string) => CatalogModel | null
  prices: ReturnType<typeof buildPriceIndex>
  advise?: (e: AdvisableEvent) => Advice | null
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
  status: 'priced' | 'unpriced'
  task: string | null
  dataClass: string | null
  latencyMs: number | null
  tags: string | null
  rawUsage: string | null
  advice: Advice | null
}

export type EventResult = { id: string; status: 'accepted' | 'duplicate' | 'rejected'; error?: string }

export type PreparedBatch = {
  rows: EventRow[]
  /** One per submitted event, in order; accepted ones may still turn out to be duplicates on insert. */
  results: EventResult[]
}

/**
 * Validates, normalises, matches, prices and advises each event. Pure: everything it needs is in ctx.
 * A bad event is rejected with what was wrong and where; the others go on.
 */
export function prepareEvents(events: readonly unknown[], ctx: IngestContext): PreparedBatch {
  const rows: EventRow[] = []
  const results: EventResult[] = []
  const seen = new Set<string>()
  events.forEach((raw, i) => {
    const where = `events[${i}]`
    const idForReport = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : `#${i}`
    const reject = (error: string) => results.push({ id: idForReport, status: 'rejected', error })

    const parsed = usageEventSchema.safeParse(raw)
    if (!parsed.success) return reject(describeZodError(parsed.error as z.ZodError, where))
    const e = parsed.data

    const ts = new Date(e.timestamp)
    if (ts.getTime() < ctx.now.getTime() - ctx.maxAgeMs)
      return reject(`${where}.timestamp: ${e.timestamp} is older than the accepted window (${Math.round(ctx.maxAgeMs / 86_400_000)} days)`)
    if (ts.getTime() > ctx.now.getTime() + ctx.maxFutureMs)
      return reject(`${where}.timestamp: ${e.timestamp} is in the future (more than ${Math.round(ctx.maxFutureMs / 60_000)} minutes ahead)`)

    const hasFlat = flatTokenFields.some((f) => e[f] !== undefined)
    if (e.usage !== undefined && hasFlat) return reject(`${where}: give either 'usage' or the flat token fields, not both`)
    if (e.usage === undefined && !hasFlat) return reject(`${where}: token counts missing: give 'usage' (provider-native) or flat fields (${flatTokenFields.join(', ')})`)

    let rawUsage: string | null = null
    if (e.usage !== undefined) {
      rawUsage = JSON.stringify(e.usage)
      if (Buffer.byteLength(rawUsage) > MAX_RAW_USAGE_BYTES) return reject(`${where}.usage: object is larger than ${MAX_RAW_USAGE_BYTES} bytes`)
    }
    const norm = normalizeUsage({
      provider: e.provider,
      usage: e.usage,
      flat: hasFlat ? { input_tokens: e.input_tokens, output_tokens: e.output_tokens, cache_read_tokens: e.cache_read_tokens, cache_write_tokens: e.cache_write_tokens, reasoning_tokens: e.reasoning_tokens } : undefined,
    })
    if (!norm.ok) return reject(`${where}: ${norm.error}`)

    if (seen.has(e.id)) {
      results.push({ id: e.id, status: 'duplicate' })
      return
    }
    seen.add(e.id)

    const model = ctx.matchModel(e.model, e.provider)
    const priced = priceEvent(norm.buckets, model?.id ?? null, ts, ctx.prices)
    const tags = e.tags ?? null
    const advice =
      ctx.advise?.({
        teamId: ctx.teamId,
        ts,
        model,
        buckets: norm.buckets,
        cost: priced.cost,
        task: e.task ?? null,
        dataClass: e.data_class ?? null,
        latencyMs: e.latency_ms ?? null,
        tags,
      }) ?? null

    rows.push({
      eventId: e.id,
      ts,
      modelRaw: e.model,
      modelId: model?.id ?? null,
      provider: e.provider?.toLowerCase() ?? null,
      buckets: norm.buckets,
      cost: priced.cost,
      priceVersionId: priced.priceVersionId,
      status: priced.status,
      task: e.task ?? null,
      dataClass: e.data_class ?? null,
      latencyMs: e.latency_ms ?? null,
      tags: tags ? JSON.stringify(tags) : null,
      rawUsage,
      advice,
    })
    results.push({ id: e.id, status: 'accepted' })
  })
  return { rows, results }
}
