import { pool } from '@/lib/db'
import { env } from '@/lib/env'
import { logger } from '@/lib/logger'
import { maintainUsagePartitions } from '@/lib/partitions/maintain-usage-partitions'

// The maintenance task 'partitions', daily: usage_events partitions for this month and the next 3, and
// retention (whole months older than USAGE_RETENTION_MONTHS dropped; rollups kept).
export async function processPartitions(now: Date = new Date()): Promise<{ created: string[]; dropped: string[]; keysPruned: number; cutoff: string }> {
  const { created, retention } = await maintainUsagePartitions(pool, { now, retentionMonths: env.USAGE_RETENTION_MONTHS })
  const out = { created, dropped: retention.dropped.map((p) => p.name), keysPruned: retention.keys, cutoff: retention.cutoff.toISOString() }
  if (out.created.length > 0 || out.dropped.length > 0 || out.keysPruned > 0) logger.info(out, 'usage_events partitions maintained')
  return out
}
