import { auth } from '@/auth'
import { leafPriceRows } from '@/components/decision-tree/model-rows'
import { englishHeadline } from '@/lib/policy/document/english'
import { priceCsvHeader, priceCsvRow } from '@/components/decision-tree/price-csv'
import { parseTreeState, type SearchParams } from '@/components/decision-tree/tree-params'
import { loadModelPrices } from '@/lib/advisor/load-model-prices'
import { assertPermission, sessionUserOrThrow } from '@/lib/auth/session-user'
import { csvResponse } from '@/lib/csv/to-csv'
import { pool } from '@/lib/db'
import { apiHandler } from '@/lib/http/api-handler'
import { decisionTree, listDecisionPaths, questionnaire } from '@/lib/policy/guidance'
import { toUtcDay } from '@/lib/time/utc-days'

export const dynamic = 'force-dynamic'

// The price tables of /decision-tree as CSV, for the same URL state: the reached leaf (or every leaf
// when the walk has not reached one), or every A–F answer on the questionnaire tab.
export const GET = apiHandler(async (req: Request) => {
  assertPermission(sessionUserOrThrow(await auth()), 'decision-tree:read')
  const sp: SearchParams = Object.fromEntries(new URL(req.url).searchParams)
  const state = parseTreeState(sp)
  const now = new Date()
  const prices = await loadModelPrices(pool, now)
  const rows =
    state.tab === 'questionnaire'
      ? questionnaire.flatMap((a) => a.recommended.map((slug) => priceCsvRow(`${a.id}. ${a.need.en}`, 'recommended', prices.get(slug), state.volume)))
      : (state.walk.status === 'done' ? [state.walk.leaf] : listDecisionPaths().map((p) => p.leaf)).flatMap((leaf) =>
          leafPriceRows(leaf, prices, state.volume).map((r) => priceCsvRow(`${leaf.id}: ${englishHeadline(leaf.label).en}`, r.recommended ? 'recommended' : 'alternative', r.model, state.volume)),
        )
  const name = state.tab === 'questionnaire' ? 'questionnaire' : state.walk.status === 'done' ? state.walk.leaf.id : decisionTree.root
  return csvResponse(`modelledger-decision-${name}-${toUtcDay(now)}.csv`, priceCsvHeader, rows)
})
