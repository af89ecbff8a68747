import type { Job } from 'bullmq'
import { pool } from '@/lib/db'
import { rollupPayload } from '@/lib/queues'
import { applyBatchRollup } from '@/lib/rollups/apply-batch-rollup'

export async function processRollup(job: Job): Promise<{ applied: boolean }> {
  const { batchId } = rollupPayload.parse(job.data)
  const { applied } = await applyBatchRollup(pool, batchId)
  return { applied }
}
