import type { SqlClient } from '@/lib/db'
import { Decimal } from '@/lib/pricing/decimal'
import { otherCurrencySql, reconciliationSql } from './reconciliation-sql'
import type { ReconciliationWindow } from './reconciliation-window'
import { reconcileRows, totalsOf, type RawReconciliationRow, type ReconciledRow, type ReconciliationTotals } from './reconcile-rows'

export type OtherCurrencyLine = { date: string; provider: string; model: string; currency: string; amount: string }

export type Reconciliation = {
  window: ReconciliationWindow
  rows: ReconciledRow[]
  totals: ReconciliationTotals
  otherCurrency: OtherCurrencyLine[]
}

const params = (w: ReconciliationWindow) => [w.from, w.to, w.provider]

/** Billed vs tracked per provider × day × model over a window: the one function page, CLI and API call. */
export async function queryReconciliation(pool: SqlClient, window: ReconciliationWindow): Promise<Reconciliation> {
  const [main, other] = await Promise.all([
    pool.query<RawReconciliationRow>(reconciliationSql, params(window)),
    pool.query<OtherCurrencyLine>(otherCurrencySql, params(window)),
  ])
  const rows = reconcileRows(main.rows)
  return { window, rows, totals: totalsOf(rows), otherCurrency: other.rows.map((o) => ({ ...o, amount: new Decimal(o.amount).toFixed() })) }
}
