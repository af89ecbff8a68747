import type pg from 'pg'
import { loadClosedMonthComparison, type ClosedMonthLine } from './closed-month-comparison'
import { proposePriceDrift, type PriceDriftKey, type PriceDriftProposal } from './price-drift'
import { queryReconciliation, type Reconciliation } from './query-reconciliation'
import { dailyCapture, worstGapsFirst, type DailyCapture, type ReconciledRow } from './reconcile-rows'
import { loadReconciliationSettings, type ReconciliationSettings } from './reconciliation-settings'
import type { ReconciliationWindow } from './reconciliation-window'
import { isAppError } from '@/lib/errors'

export type ReconciliationView = Reconciliation & {
  worst: ReconciledRow[]
  daily: DailyCapture[]
  providers: string[]
  closedMonths: ClosedMonthLine[]
  settings: ReconciliationSettings
  drift: { key: PriceDriftKey; proposal: PriceDriftProposal | null; error: string | null } | null
}

/** Everything the Reconciliation page shows, from the same rows the API and CLI print. */
export async function loadReconciliationView(pool: pg.Pool, window: ReconciliationWindow, drift: PriceDriftKey | null): Promise<ReconciliationView> {
  const [reconciliation, closedMonths, settings, providers] = await Promise.all([
    queryReconciliation(pool, window),
    loadClosedMonthComparison(pool, window),
    loadReconciliationSettings(pool),
    pool.query<{ provider: string }>('SELECT DISTINCT provider FROM provider_bill_lines ORDER BY 1'),
  ])
  let driftView: ReconciliationView['drift'] = null
  if (drift) {
    try {
      driftView = { key: drift, proposal: await proposePriceDrift(pool, drift), error: null }
    } catch (err) {
      if (!isAppError(err)) throw err
      driftView = { key: drift, proposal: null, error: err.message }
    }
  }
  return {
    ...reconciliation,
    worst: worstGapsFirst(reconciliation.rows),
    daily: dailyCapture(reconciliation.rows),
    providers: providers.rows.map((p) => p.provider),
    closedMonths,
    settings,
    drift: driftView,
  }
}
