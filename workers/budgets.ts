import type { Job } from 'bullmq'
import { checkBudgets } from '@/lib/budgets/check-budgets'
import { pool } from '@/lib/db'

// Run by the maintenance task 'budgets' on a schedule; every run re-reads the rollups, so a skipped or
// doubled run changes nothing but timing.
export async function processBudgets(_job: Job): Promise<{ teamsChecked: number; created: number; enqueued: number }> {
  const result = await checkBudgets(pool, new Date())
  return { teamsChecked: result.teamsChecked, created: result.created.length, enqueued: result.enqueued }
}
