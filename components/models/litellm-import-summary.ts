import type { LiteLlmImportResult } from '@/lib/pricing/import-litellm-prices'

// What the import page shows of an import: every change (bounded), counts of the rest. Plain JSON.

export const MAX_LISTED = 500

export type ImportSummary = {
  fileName: string
  dryRun: boolean
  effectiveFrom: string
  entries: number
  changes: LiteLlmImportResult['changes']
  changesTotal: number
  unchanged: number
  conflicts: LiteLlmImportResult['conflicts']
  createdModels: number
  skipped: LiteLlmImportResult['skipped']
  applied: number
}

export function summarizeImport(result: LiteLlmImportResult, fileName: string): ImportSummary {
  return {
    fileName,
    dryRun: result.dryRun,
    effectiveFrom: result.effectiveFrom.toISOString(),
    entries: result.entries,
    changes: result.changes.slice(0, MAX_LISTED),
    changesTotal: result.changes.length,
    unchanged: result.unchanged.length,
    conflicts: result.conflicts.slice(0, 100),
    createdModels: result.createdModels.length,
    skipped: result.skipped,
    applied: result.changes.filter((c) => c.versionId !== undefined).length,
  }
}
