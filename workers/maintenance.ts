import type { Job } from 'bullmq'
import { pool } from '@/lib/db'
import { logger } from '@/lib/logger'
import { maintenancePayload } from '@/lib/queues'
import { reconcileRollups } from '@/lib/rollups/reconcile-rollups'
import { sweepPendingBatches } from '@/lib/rollups/sweep-pending-batches'
import { processBudgets } from './budgets'
import { processPartitions } from './partitions'
import { processPriceUnpriced } from './price-unpriced'

const RECONCILE_LOOKBACK_MS = 48 * 3600_000

export async function processMaintenance(job: Job): Promise<unknown> {
  const payload = maintenancePayload.parse(job.data)
  switch (payload.task) {
    case 'sweep': {
      const result = await sweepPendingBatches(pool)
      if (result.applied > 0) logger.info(result, 'sweeper applied pending batches')
      return result
    }
    case 'reconcile': {
      const to = payload.to ? new Date(payload.to) : new Date()
      const from = payload.from ? new Date(payload.from) : new Date(to.getTime() - RECONCILE_LOOKBACK_MS)
      const { differences, repaired } = await reconcileRollups(pool, { from, to })
      if (differences.length > 0) logger.warn({ count: differences.length, sample: differences.slice(0, 5), repaired }, 'rollups differed from raw events')
      return { differences: differences.length, repaired }
    }
    case 'budgets':
      return processBudgets(job)
    case 'price-unpriced':
      return processPriceUnpriced()
    case 'partitions':
      return processPartitions()
    default:
      throw new Error(`maintenance task ${payload.task} is not handled by this worker version`)
  }
}
