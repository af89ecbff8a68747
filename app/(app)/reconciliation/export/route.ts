import { auth } from '@/auth'
import { assertPermission, sessionUserOrThrow } from '@/lib/auth/session-user'
import { queryReconciliation } from '@/lib/bills/query-reconciliation'
import { worstGapsFirst } from '@/lib/bills/reconcile-rows'
import { reconciliationCsvColumns, reconciliationCsvRows } from '@/lib/bills/reconciliation-csv'
import { parseReconciliationWindow } from '@/lib/bills/reconciliation-window'
import { csvResponse } from '@/lib/csv/to-csv'
import { pool } from '@/lib/db'
import { apiHandler } from '@/lib/http/api-handler'

export const dynamic = 'force-dynamic'

// GET /reconciliation/export?from&to[&provider]: the page's table as CSV, worst gaps first.
export const GET = apiHandler(async (req: Request) => {
  assertPermission(sessionUserOrThrow(await auth()), 'bills:read')
  const p = new URL(req.url).searchParams
  const window = parseReconciliationWindow({ from: p.get('from'), to: p.get('to'), provider: p.get('provider') }, new Date())
  const { rows } = await queryReconciliation(pool, window)
  const scope = window.provider ? `-${window.provider}` : ''
  return csvResponse(`modelledger-reconciliation-${window.from}-${window.to}${scope}.csv`, reconciliationCsvColumns, reconciliationCsvRows(worstGapsFirst(rows)))
})
