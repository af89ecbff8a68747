import type { ReconciledRow } from './reconcile-rows'

export const reconciliationCsvColumns = ['date', 'provider', 'model', 'billed_usd', 'tracked_usd', 'gap_usd', 'capture_rate', 'billed_tokens', 'tracked_tokens', 'in_catalog', 'explanation_kind', 'explanation'] as const

/** The page's table as CSV, worst gaps first, with the same exact numbers as the API. */
export function reconciliationCsvRows(rows: readonly ReconciledRow[]): (string | number | null)[][] {
  return rows.map((r) => [r.date, r.provider, r.model, r.billed_usd, r.tracked_usd, r.gap, r.capture_rate, r.billed_tokens, r.tracked_tokens, r.matched ? 'yes' : 'no', r.explanation.kind, r.explanation.text])
}
