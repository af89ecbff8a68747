import type { PrismaClient } from '@prisma/client'
import type pg from 'pg'
import type { AuditActor } from '@/lib/audit/types'
import { bundledListPrices } from './bundled-list-prices'
import { importLiteLlmPrices, type LiteLlmImportResult } from './import-litellm-prices'
import { startReprice } from './reprice/start-reprice'

export type ListPriceSwitch = { result: LiteLlmImportResult; repriceRunId: number | null }

/**
 * The one-step switch from the document's blended prices to the bundled list prices: the LiteLLM
 * import (its dry run when `dryRun`), then — when it changed a price that is already in force — a
 * re-price of the usage from `effectiveFrom` on, so past figures use the new prices too.
 */
export async function switchToListPrices(
  db: PrismaClient,
  pool: pg.Pool,
  opts: { dryRun: boolean; effectiveFrom: Date; actor: AuditActor; now?: Date },
): Promise<ListPriceSwitch> {
  const now = opts.now ?? new Date()
  const result = await importLiteLlmPrices(db, bundledListPrices.entries, { dryRun: opts.dryRun, effectiveFrom: opts.effectiveFrom, actor: opts.actor, now })
  if (opts.dryRun || result.changes.length === 0 || opts.effectiveFrom.getTime() >= now.getTime()) return { result, repriceRunId: null }
  const { run } = await startReprice(db, { from: opts.effectiveFrom, to: now, dryRun: false, actor: opts.actor }, pool)
  return { result, repriceRunId: run.id }
}
