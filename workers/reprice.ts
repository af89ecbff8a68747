import type { Job } from 'bullmq'
import { pool } from '@/lib/db'
import { repricePayload } from '@/lib/queues'
import { markRepriceFailed, runRepriceChunked, type RepriceRunResult } from '@/lib/pricing/reprice/run-reprice-chunked'

export async function processReprice(job: Job): Promise<RepriceRunResult> {
  const { runId } = repricePayload.parse(job.data)
  try {
    return await runRepriceChunked(pool, runId, { onProgress: (p) => job.updateProgress(p.percent) })
  } catch (err) {
    // Visible on the run row for people; the throw lets BullMQ retry, which resumes from the cursor.
    await markRepriceFailed(pool, runId, err).catch(() => undefined)
    throw err
  }
}
