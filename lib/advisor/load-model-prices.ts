import type { Deployment, PriceSource, Route } from '@prisma/client'
import type pg from 'pg'
import { documentCatalog } from '@/lib/catalog/document-catalog'
import { getPricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { getPolicyCatalog } from '@/lib/policy/load-policy-catalog'
import type { PriceVersionRates } from '@/lib/pricing/price-version'

export type ModelPrice = {
  slug: string
  displayName: string
  route: Route | null
  deployment: Deployment | null
  /** false: the document names the model but the catalog has no such entry (deleted or renamed). */
  inCatalog: boolean
  /** The version in force at `at`; null = unpriced (never "free"). */
  price: PriceVersionRates | null
  priceSource: PriceSource | null
}

export type ModelPrices = { at: Date; get(slug: string): ModelPrice; routeOf(slug: string): Route | null }

const documentNames = new Map(documentCatalog.map((m) => [m.slug, m.displayName]))

/** The live catalog and price table (the same few-second snapshot ingest prices with), looked up by slug. */
export async function loadModelPrices(db: pg.Pool, at: Date): Promise<ModelPrices> {
  const [catalog, pricing] = await Promise.all([getPolicyCatalog(db), getPricingSnapshot(db)])
  return {
    at,
    routeOf: (slug) => catalog.bySlug.get(slug)?.route ?? null,
    get(slug) {
      const model = catalog.bySlug.get(slug)
      if (!model) return { slug, displayName: documentNames.get(slug) ?? slug, route: null, deployment: null, inCatalog: false, price: null, priceSource: null }
      const price = pricing.prices.priceAt(model.id, at)
      return {
        slug,
        displayName: model.displayName,
        route: model.route,
        deployment: model.deployment,
        inCatalog: true,
        price,
        priceSource: price ? catalog.priceSource(price.id) : null,
      }
    },
  }
}
