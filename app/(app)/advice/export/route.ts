import { auth } from '@/auth'
import { loadAdviceData, resolveAdviceScope, runWhatIf } from '@/lib/advisor/advice-page-data'
import { parseAdviceFilters, parseWhatIfParams, type SearchParams } from '@/lib/advisor/advice-params'
import { ruleInfo } from '@/components/advice/rule-info'
import type { AdviceNumbers } from '@/lib/advisor/query-advice'
import type { WhatIfNumbers } from '@/lib/advisor/what-if'
import { sessionUserOrThrow } from '@/lib/auth/session-user'
import { csvResponse, type CsvCell } from '@/lib/csv/to-csv'
import { pool } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { apiHandler } from '@/lib/http/api-handler'
import { toUtcDay } from '@/lib/time/utc-days'

export const dynamic = 'force-dynamic'

const adviceHeader = ['calls', 'saving_known_calls', 'current_cost_usd', 'cost_at_suggested_usd', 'saving_usd', 'saving_unknown_calls', 'saving_unknown_current_cost_usd']
const adviceCells = (n: AdviceNumbers): CsvCell[] => [n.calls, n.saving_known_calls, n.current_cost, n.cost_at_suggested, n.saving, n.unknown.calls, n.unknown.current_cost]
const whatIfHeader = ['calls', 'moved_calls', 'spend_before_usd', 'spend_after_usd', 'saving_usd', 'unpriced_calls_before', 'unpriced_calls_after', 'saving_unknown_calls']
const whatIfCells = (n: WhatIfNumbers): CsvCell[] => [n.calls, n.moved_calls, n.spend_before, n.spend_after, n.saving, n.unpriced_calls_before, n.unpriced_calls_after, n.saving_unknown_calls]

const tables = ['by-rule', 'by-team', 'by-move', 'flagged', 'what-if-teams', 'what-if-models', 'what-if-moves'] as const
type Table = (typeof tables)[number]

// The advice page's tables as CSV, for the same URL (filters and what-if parameters), under the same
// tenancy: a team-scoped reader gets their own team and a 403 for anyone else's.
export const GET = apiHandler(async (req: Request) => {
  const user = sessionUserOrThrow(await auth())
  const url = new URL(req.url)
  const table = url.searchParams.get('table') ?? ''
  if (!(tables as readonly string[]).includes(table)) throw new AppError('invalid', `table must be one of ${tables.join(', ')}`)
  const sp: SearchParams = {}
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key)
    sp[key] = values.length > 1 ? values : values[0]
  }
  const filters = parseAdviceFilters(sp)
  const scope = await resolveAdviceScope(pool, user, filters.team)
  const now = new Date()
  const day = toUtcDay(now)
  const name = (suffix: string) => `modelledger-advice-${suffix}-${day}.csv`

  if ((table as Table).startsWith('what-if')) {
    const outcome = await runWhatIf(pool, scope, { ...parseWhatIfParams(sp), run: true }, now)
    if (outcome.status !== 'done') throw new AppError('invalid', outcome.status === 'invalid' ? outcome.errors.join('; ') : 'nothing to run')
    const r = outcome.report
    const meta = [r.mode, outcome.window.from, outcome.window.to]
    if (table === 'what-if-teams')
      return csvResponse(name('what-if-teams'), ['mode', 'from', 'to', 'team', 'policy_version', ...whatIfHeader], r.by_team.map((t) => [...meta, t.team, t.policy_version, ...whatIfCells(t)]))
    if (table === 'what-if-models')
      return csvResponse(name('what-if-models'), ['mode', 'from', 'to', 'team', 'model', ...whatIfHeader], r.by_model.map((m) => [...meta, m.team, m.model, ...whatIfCells(m)]))
    return csvResponse(
      name('what-if-moves'),
      ['mode', 'from', 'to', 'team', 'from_model', 'to_model', 'rule', 'severity', 'calls', 'cost_before_usd', 'cost_after_usd', 'saving_usd', 'saving_unknown_calls', 'unpriced_calls_after'],
      // No price at to_model for any of the calls: the cost after is unknown (empty), not 0.
      r.moves.map((m) => [...meta, m.team, m.from_model, m.to_model, m.rule, ruleInfo(m.rule)?.severity, m.calls, m.cost_before, m.unpriced_calls_after >= m.calls ? null : m.cost_after, m.saving, m.saving_unknown_calls, m.unpriced_calls_after]),
    )
  }

  const data = await loadAdviceData(pool, scope, filters, now)
  const { from, to } = data.range
  if (table === 'by-rule')
    return csvResponse(
      name('by-rule'),
      ['from', 'to', 'rule', 'title', 'severity', 'citation', ...adviceHeader],
      data.report.by_rule.map((r) => [from, to, r.rule, ruleInfo(r.rule)?.title, r.severity, ruleInfo(r.rule)?.citation, ...adviceCells(r)]),
    )
  if (table === 'by-team') return csvResponse(name('by-team'), ['from', 'to', 'team', ...adviceHeader], data.report.by_team.map((r) => [from, to, r.team, ...adviceCells(r)]))
  if (table === 'by-move')
    return csvResponse(
      name('by-move'),
      ['from', 'to', 'current_model', 'suggested_model', ...adviceHeader],
      data.report.by_move.map((r) => [from, to, r.current_model, r.suggested_model, ...adviceCells(r)]),
    )
  return csvResponse(
    name('flagged'),
    ['ts', 'team', 'event_id', 'model', 'task', 'data_class', 'rule', 'severity', 'suggested_model', 'estimated_saving_usd', 'reason', 'citation'],
    data.calls.map((c) => [c.ts.toISOString(), c.team, c.eventId, c.model, c.task, c.dataClass, c.rule, c.severity, c.suggestedModel, c.estimatedSaving, ruleInfo(c.rule)?.title, ruleInfo(c.rule)?.citation]),
  )
})
