import type { PriceSource } from '@prisma/client'
import type { PolicyCatalog, PolicyModel } from './types'

/** Lookup maps over the catalog models the rules reason about (route, deployment, latency). */
export function buildPolicyCatalog(
  models: readonly PolicyModel[],
  priceSources: ReadonlyMap<number, PriceSource> = new Map(),
): PolicyCatalog {
  return {
    bySlug: new Map(models.map((m) => [m.slug, m])),
    byId: new Map(models.map((m) => [m.id, m])),
    priceSource: (id) => priceSources.get(id) ?? null,
  }
}
