// Where prepareEvents spends its time, without a database or a server:
//   npx tsx bench/profile-prepare.ts                 per-stage µs per event
//   node --import tsx --cpu-prof --cpu-prof-dir=.run/bench/prof bench/profile-prepare.ts 2000 --prepare-only
//                                                    a V8 CPU profile of prepareEvents alone (Chrome DevTools)
// Uses the document catalog and price table (fake ids) and the benchmark's event mix.
import { performance } from 'node:perf_hooks'
import { buildModelMatcher, type CatalogModel } from '@/lib/catalog/match-model'
import { documentCatalog, documentPrices } from '@/lib/catalog/document-catalog'
import { prepareEvents } from '@/lib/ingest/prepare-events'
import { usageEventSchema } from '@/lib/ingest/usage-event-schema'
import { Decimal } from '@/lib/pricing/decimal'
import { priceEvent } from '@/lib/pricing/price-event'
import { buildPriceIndex, type PriceVersionRates } from '@/lib/pricing/price-version'
import { normalizeUsage } from '@/lib/usage/normalize-usage'
import { BATCH_SIZE, makeEvents } from './core/events'
import { median } from './core/stats'

const models: CatalogModel[] = documentCatalog.map((m, i) => ({ id: i + 1, slug: m.slug, provider: m.provider, aliases: m.aliases }))
const idOf = new Map(models.map((m) => [m.slug, m.id]))
const rates: PriceVersionRates[] = documentPrices.map((p, i) => ({
  id: i + 1,
  modelId: idOf.get(p.slug)!,
  effectiveFrom: p.effectiveFrom,
  effectiveTo: null,
  input: new Decimal(p.input),
  cacheRead: p.cacheRead === null ? null : new Decimal(p.cacheRead),
  cacheWrite: p.cacheWrite === null ? null : new Decimal(p.cacheWrite),
  output: new Decimal(p.output),
  reasoning: p.reasoning === null ? null : new Decimal(p.reasoning),
}))
const matchModel = buildModelMatcher(models)
const prices = buildPriceIndex(rates)
const now = Date.now()
const batches = Array.from({ length: 8 }, (_, v) => JSON.parse(JSON.stringify(makeEvents(BATCH_SIZE, { seed: 1000 + v, now, id: (i) => `p${v}-${i}` }))) as Record<string, unknown>[])
const ctx = { teamId: 1, now: new Date(now), maxAgeMs: 35 * 86_400_000, maxFutureMs: 300_000, matchModel, prices }
const rounds = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 60)
const prepareOnly = process.argv.includes('--prepare-only')

function time(label: string, fn: (batch: Record<string, unknown>[]) => void): number {
  for (let i = 0; i < 10; i++) fn(batches[i % batches.length]!) // warm-up
  const samples: number[] = []
  for (let i = 0; i < rounds; i++) {
    const b = batches[i % batches.length]!
    const s = performance.now()
    fn(b)
    samples.push(performance.now() - s)
  }
  const perEvent = (median(samples) * 1000) / BATCH_SIZE
  process.stdout.write(`${label.padEnd(46)} ${perEvent.toFixed(2).padStart(8)} µs/event  ${median(samples).toFixed(2).padStart(7)} ms/batch\n`)
  return perEvent
}

const parsed = batches.map((b) => b.map((e) => usageEventSchema.parse(e)))
const idx = new Map(batches.map((b, i) => [b, i]))
time('prepareEvents (all of it)', (b) => prepareEvents(b, ctx))
if (prepareOnly) process.exit(0)
time('  usageEventSchema.safeParse', (b) => b.forEach((e) => usageEventSchema.safeParse(e)))
time('  JSON.stringify(usage) (raw_usage column)', (b) => b.forEach((e) => e.usage !== undefined && JSON.stringify(e.usage)))
time('  new Date(timestamp)', (b) => b.forEach((e) => new Date(e.timestamp as string)))
time('  normalizeUsage', (b) =>
  parsed[idx.get(b)!]!.forEach((e) =>
    normalizeUsage({ provider: e.provider, usage: e.usage, flat: e.usage ? undefined : { input_tokens: e.input_tokens, output_tokens: e.output_tokens } }),
  ),
)
time('  matchModel (cached)', (b) => b.forEach((e) => matchModel(e.model as string, e.provider as string | undefined)))
time('  priceEvent (price lookup + calculateCost)', (b) =>
  b.forEach((e) => {
    const m = matchModel(e.model as string, e.provider as string | undefined)
    priceEvent({ input: 1000, cacheRead: 10, cacheWrite: 0, output: 200, reasoning: 0 }, m?.id ?? null, new Date(e.timestamp as string), prices)
  }),
)
time('  tags → JSON.stringify', (b) => b.forEach((e) => e.tags && JSON.stringify(e.tags)))
