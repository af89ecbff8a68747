import type { Deployment, PriceSource, Route } from '@prisma/client'
import type pg from 'pg'
import { processCache } from '@/lib/cache/process-cache'
import { buildPolicyCatalog } from './build-policy-catalog'
import type { PolicyCatalog } from './types'

const TTL_MS = 5_000
const cache = processCache<PolicyCatalog>('policy-catalog', TTL_MS)

async function loadPolicyCatalog(db: pg.Pool): Promise<PolicyCatalog> {
  const [models, versions] = await Promise.all([
    db.query<{ id: number; slug: string; display_name: string; route: Route; deployment: Deployment; latency_class: string }>(
      'SELECT id, slug, display_name, route::text AS route, deployment::text AS deployment, latency_class FROM models',
    ),
    db.query<{ id: number; source: PriceSource }>('SELECT id, source::text AS source FROM price_versions'),
  ])
  return buildPolicyCatalog(
    models.rows.map((m) => ({ id: m.id, slug: m.slug, displayName: m.display_name, route: m.route, deployment: m.deployment, latencyClass: m.latency_class })),
    new Map(versions.rows.map((v) => [v.id, v.source])),
  )
}

/** Route, deployment and latency of every model (the pricing snapshot has none of them), cached like it. */
export async function getPolicyCatalog(db: pg.Pool): Promise<PolicyCatalog> {
  return cache.get(() => loadPolicyCatalog(db))
}

export function invalidatePolicyCatalog(): void {
  cache.invalidate()
}
