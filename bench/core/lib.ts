// The application code the harness calls directly. Imported dynamically by bench/index.ts only after
// DATABASE_URL / QUEUE_PREFIX point at this run's throwaway database (lib/env reads them at import).
export { pool, prisma, disconnectDb } from '@/lib/db'
export { seedCatalog } from '@/lib/demo/seed-catalog'
export { createApiKey } from '@/lib/auth/api-keys'
export { getPricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
export { prepareEvents, type EventRow } from '@/lib/ingest/prepare-events'
export { insertUsageBatch } from '@/lib/ingest/insert-usage-batch'
export { usageEnvelopeSchema, usageEventSchema } from '@/lib/ingest/usage-event-schema'
export { findRollupDifferences } from '@/lib/rollups/reconcile-rollups'
export { rebuildRollups } from '@/lib/rollups/rebuild-rollups'
export { env } from '@/lib/env'
export { adviseForTeam } from '@/lib/policy/advise-for-team'
