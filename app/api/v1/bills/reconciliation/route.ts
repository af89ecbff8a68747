import { auth } from '@/auth'
import { assertPermission, sessionUserOrThrow } from '@/lib/auth/session-user'
import { queryReconciliation } from '@/lib/bills/query-reconciliation'
import { publicRow } from '@/lib/bills/reconcile-rows'
import { parseReconciliationWindow } from '@/lib/bills/reconciliation-window'
import { pool } from '@/lib/db'
import { apiHandler, jsonResponse } from '@/lib/http/api-handler'
import { authenticateApiKey } from '@/lib/http/authenticate-api-key'

export const dynamic = 'force-dynamic'

// GET /api/v1/bills/reconciliation?from&to[&provider]: billed vs tracked per provider × day × model —
// the rows `ledger bills show --json` prints. An org key with spend:read:all, or finance/admin signed in.
export const GET = apiHandler(async (req: Request) => {
  if (req.headers.has('authorization')) await authenticateApiKey(req, 'spend:read:all')
  else assertPermission(sessionUserOrThrow(await auth()), 'bills:read')
  const p = new URL(req.url).searchParams
  const window = parseReconciliationWindow({ from: p.get('from'), to: p.get('to'), provider: p.get('provider') }, new Date())
  const r = await queryReconciliation(pool, window)
  return jsonResponse(
    {
      from: window.from,
      to: window.to,
      provider: window.provider,
      rows: r.rows.map(publicRow),
      totals: r.totals,
      gaps: r.rows.filter((g) => g.explanation.kind !== 'match').map((g) => ({ date: g.date, provider: g.provider, model: g.model, gap_usd: g.gap, kind: g.explanation.kind, explanation: g.explanation.text })),
      other_currency: r.otherCurrency,
    },
    200,
    { 'cache-control': 'private, no-store' },
  )
})
