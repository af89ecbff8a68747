import { auth } from '@/auth'
import { assertPermission, sessionUserOrThrow } from '@/lib/auth/session-user'
import { csvResponse, type CsvCell } from '@/lib/csv/to-csv'
import { apiHandler } from '@/lib/http/api-handler'
import { previousMonth } from '@/lib/reports/focus-export'
import { knownCost } from '@/lib/reports/known-cost'
import { parseMonth } from '@/lib/reports/month-statement'
import { loadStatement } from '@/lib/reports/load-statement'

export const dynamic = 'force-dynamic'

const header = [
  'month', 'team_slug', 'team_name', 'status', 'closed_at', 'closed_by', 'line', 'model',
  'calls', 'input_tokens', 'cache_read_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens',
  'unpriced_calls', 'cost_usd', 'team_budget_usd', 'team_budget_used_percent',
]

// GET /reports/export?month=YYYY-MM — the monthly chargeback statement, one line per team × model
// (frozen numbers for a closed team) plus, for a closed team whose live numbers moved since, an
// 'adjustment' line (live − frozen). Σ cost_usd is the month's live spend, as in the FOCUS export; a
// line whose calls are all unpriced has an empty cost_usd (unknown, never zero).
export const GET = apiHandler(async (req: Request) => {
  const user = sessionUserOrThrow(await auth())
  assertPermission(user, 'reports:read')
  assertPermission(user, 'reports:export')
  const month = new URL(req.url).searchParams.get('month') || previousMonth(new Date())
  parseMonth(month)
  const view = await loadStatement(month)
  const rows: CsvCell[][] = []
  for (const t of view.teams) {
    const s = t.statement
    const team = [month, t.teamSlug, s.team.name, t.closed ? 'closed' : 'open', t.closedAt?.toISOString() ?? null, t.closedBy]
    const budget = [s.budget, s.budgetUsedPercent]
    for (const m of s.models) {
      rows.push([...team, 'model', m.modelKey, m.calls, m.inputTokens, m.cacheReadTokens, m.cacheWriteTokens, m.outputTokens, m.reasoningTokens, m.unpricedCalls, knownCost(m), ...budget])
    }
    if (t.adjustment && (t.adjustment.cost !== '0' || t.adjustment.calls !== 0 || t.adjustment.unpricedCalls !== 0)) {
      rows.push([...team, 'adjustment', null, t.adjustment.calls, null, null, null, null, null, t.adjustment.unpricedCalls, t.adjustment.cost, ...budget])
    }
  }
  return csvResponse(`modelledger-statement-${month}.csv`, header, rows)
})
