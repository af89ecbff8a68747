import type pg from 'pg'
import { buildModelMatcher, type CatalogModel } from '@/lib/catalog/match-model'
import { Decimal } from '@/lib/pricing/decimal'
import { buildPriceIndex, type PriceVersionRates } from '@/lib/pricing/price-version'

export type PricingSnapshot = {
  models: CatalogModel[]
  matchModel: ReturnType<typeof buildModelMatcher>
  prices: ReturnType<typeof buildPriceIndex>
  loadedAt: number
}

const TTL_MS = 5_000

// On globalThis: Next bundles route handlers and server actions separately, so a module-level cache here
// would be two caches, and a price added by a server action would not clear the one the ingest route
// reads (new events were stored unpriced for up to TTL_MS). A load that was in flight when the cache was
// cleared is used by its callers but not kept.
type SnapshotCache = { snapshot?: PricingSnapshot; inflight?: Promise<PricingSnapshot>; generation: number }
const globalForPricing = globalThis as unknown as { modelLedgerPricingSnapshot?: SnapshotCache }
const cache: SnapshotCache = (globalForPricing.modelLedgerPricingSnapshot ??= { generation: 0 })

async function loadPricingSnapshot(db: pg.Pool): Promise<PricingSnapshot> {
  const [models, versions] = await Promise.all([
    db.query<{ id: number; slug: string; provider: string; aliases: string[] | null }>(
      `SELECT m.id, m.slug, m.provider, array_remove(array_agg(a.alias), NULL) AS aliases
         FROM models m LEFT JOIN model_aliases a ON a.model_id = m.id GROUP BY m.id`,
    ),
    db.query<{
      id: number; model_id: number; effective_from: Date; effective_to: Date | null
      input: string; cache_read: string | null; cache_write: string | null; output: string; reasoning: string | null
    }>('SELECT id, model_id, effective_from, effective_to, input, cache_read, cache_write, output, reasoning FROM price_versions'),
  ])
  const catalog: CatalogModel[] = models.rows.map((m) => ({ id: m.id, slug: m.slug, provider: m.provider, aliases: m.aliases ?? [] }))
  const rates: PriceVersionRates[] = versions.rows.map((v) => ({
    id: v.id,
    modelId: v.model_id,
    effectiveFrom: v.effective_from,
    effectiveTo: v.effective_to,
    input: new Decimal(v.input),
    cacheRead: v.cache_read === null ? null : new Decimal(v.cache_read),
    cacheWrite: v.cache_write === null ? null : new Decimal(v.cache_write),
    output: new Decimal(v.output),
    reasoning: v.reasoning === null ? null : new Decimal(v.reasoning),
  }))
  return { models: catalog, matchModel: buildModelMatcher(catalog), prices: buildPriceIndex(rates), loadedAt: Date.now() }
}

/**
 * The catalog and price table, cached per process for a few seconds: ingest must not re-read them per
 * request, and a newly added price version applies to new events within TTL_MS.
 */
export async function getPricingSnapshot(db: pg.Pool): Promise<PricingSnapshot> {
  if (cache.snapshot && Date.now() - cache.snapshot.loadedAt < TTL_MS) return cache.snapshot
  const generation = cache.generation
  if (!cache.inflight) {
    const load = loadPricingSnapshot(db).finally(() => {
      if (cache.inflight === load) cache.inflight = undefined
    })
    cache.inflight = load
  }
  const snapshot = await cache.inflight
  if (cache.generation === generation) cache.snapshot = snapshot
  return snapshot
}

export function invalidatePricingSnapshot(): void {
  cache.snapshot = undefined
  cache.inflight = undefined
  cache.generation++
}
