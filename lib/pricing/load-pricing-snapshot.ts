import type pg from 'pg'
import { processCache } from '@/lib/cache/process-cache'
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

const cache = processCache<PricingSnapshot>('pricing-snapshot', TTL_MS)

/**
 * The catalog and price table, cached per process for a few seconds: ingest must not re-read them per
 * request, and a newly added price version applies to new events at once in this process (within TTL_MS
 * in others).
 */
export async function getPricingSnapshot(db: pg.Pool): Promise<PricingSnapshot> {
  return cache.get(() => loadPricingSnapshot(db))
}

export function invalidatePricingSnapshot(): void {
  cache.invalidate()
}
