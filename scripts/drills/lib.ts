// The application code the drills call directly. Imported dynamically by world.ts only after
// DATABASE_URL / REDIS_URL / QUEUE_PREFIX point at the drills' own servers (lib/env reads them at import).
export { pool, prisma, disconnectDb } from '@/lib/db'
export { seedCatalog } from '@/lib/demo/seed-catalog'
export { createApiKey } from '@/lib/auth/api-keys'
export { redisConnection, rollupJobId } from '@/lib/queues'
export { applyBatchRollup } from '@/lib/rollups/apply-batch-rollup'
export { findRollupDifferences } from '@/lib/rollups/reconcile-rollups'
