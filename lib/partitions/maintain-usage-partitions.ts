import type pg from 'pg'
import { applyUsageRetention, type UsageRetentionResult } from './apply-usage-retention'
import { ensureUsageEventPartitions } from './ensure-usage-event-partitions'
import { monthsToEnsure } from './usage-partition-months'

/** Months created ahead of now's month: ingest never waits on a partition, even across a long outage of the job. */
export const PARTITION_MONTHS_AHEAD = 3

export type MaintainUsagePartitionsResult = { created: string[]; retention: UsageRetentionResult }

/**
 * The daily partition maintenance: creates now's month and the PARTITION_MONTHS_AHEAD after it, then
 * applies retention. Idempotent: a repeated or overlapping run creates and drops nothing more.
 */
export async function maintainUsagePartitions(pool: pg.Pool, opts: { now: Date; retentionMonths: number }): Promise<MaintainUsagePartitionsResult> {
  const { from, to } = monthsToEnsure(opts.now, PARTITION_MONTHS_AHEAD)
  const created = await ensureUsageEventPartitions(pool, from, to)
  const retention = await applyUsageRetention(pool, { now: opts.now, months: opts.retentionMonths })
  return { created, retention }
}
