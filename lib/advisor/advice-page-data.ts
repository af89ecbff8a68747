import type pg from 'pg'
import { adviceQuerySchema, resolveAdviceRange } from '@/lib/advisor/advice-query-schema'
import { advicePeriodRange, whatIfWindow, type DayRange } from '@/lib/advisor/advice-windows'
import { listAdvisedCalls, type AdvisedCall } from '@/lib/advisor/list-advised-calls'
import { pageAdvisedCalls, type AdvisedCallsPage } from '@/lib/advisor/page-advised-calls'
import { queryAdvice, type AdviceReport } from '@/lib/advisor/query-advice'
import { whatIf, type WhatIfReport } from '@/lib/advisor/what-if'
import { resolveWhatIfTarget } from '@/lib/advisor/what-if-target'
import { readerAccess, type SessionUser } from '@/lib/auth/session-user'
import { AppError, isAppError } from '@/lib/errors'
import { getPolicyCatalog } from '@/lib/policy/load-policy-catalog'
import { describePolicyIssues, teamPolicyInput } from '@/lib/policy/schemas'
import { querySpend, type SpendReport } from '@/lib/reports/query-spend'
import { resolveSpendTeams } from '@/lib/reports/resolve-spend-teams'
import type { AdviceFilters, WhatIfParams } from '@/lib/advisor/advice-params'

// What the advice page and its CSV exports read, for one reader and one URL: shared so the export is the
// same rows the page shows, under the same tenancy.

export type TeamRef = { id: number; slug: string; name: string }

export type AdviceScope = {
  allTeams: boolean
  /** Teams the reader may pick from (org-wide readers), or just their own. */
  visible: TeamRef[]
  /** The teams in view after the team filter. */
  teams: TeamRef[]
  teamIds: number[] | 'all'
  selected: string | null
}

/** Throws AppError forbidden for another team's slug (team-scoped readers), invalid for an unknown one. */
export async function resolveAdviceScope(db: pg.Pool, user: SessionUser, teamSlug: string | null): Promise<AdviceScope> {
  const scope = readerAccess(user, 'advice')
  const teamIds = await resolveSpendTeams(db, scope, teamSlug ? [teamSlug] : undefined)
  const { rows } = await db.query<TeamRef>(
    scope.kind === 'all' ? 'SELECT id, slug, name FROM teams ORDER BY slug' : 'SELECT id, slug, name FROM teams WHERE id = $1',
    scope.kind === 'all' ? [] : [scope.teamId],
  )
  const teams = teamIds === 'all' ? rows : rows.filter((t) => teamIds.includes(t.id))
  return { allTeams: scope.kind === 'all', visible: rows, teams, teamIds, selected: scope.kind === 'all' ? (teamSlug ?? null) : (teams[0]?.slug ?? null) }
}

export type AdviceData = {
  range: DayRange
  thisMonth: { range: DayRange; spend: SpendReport }
  lastMonth: { range: DayRange; spend: SpendReport }
  report: AdviceReport
  /** The export's rows (newest first, bounded); empty when a page of them was asked for instead. */
  calls: AdvisedCall[]
  /** One page of 25 with the total, for the page's table (when `opts.page` is given). */
  flagged: AdvisedCallsPage | null
}

export async function loadAdviceData(db: pg.Pool, scope: AdviceScope, filters: AdviceFilters, now: Date, opts: { page?: number } = {}): Promise<AdviceData> {
  const range = advicePeriodRange(filters.period, now)
  const checked = resolveAdviceRange(adviceQuerySchema.parse(range), now)
  if ('error' in checked) throw new AppError('invalid', checked.error)
  const month = advicePeriodRange('month', now)
  const last = advicePeriodRange('last-month', now)
  const ids = scope.teams.map((t) => t.id)
  const callFilter = {
    teamIds: ids,
    from: new Date(`${range.from}T00:00:00Z`),
    to: new Date(Date.parse(`${range.to}T00:00:00Z`) + 86_400_000),
    rule: filters.rule ?? undefined,
    severity: filters.severity ?? undefined,
  }
  const [thisSpend, lastSpend, report, calls, flagged] = await Promise.all([
    querySpend(db, { ...month, groupBy: [], teamIds: scope.teamIds }),
    querySpend(db, { ...last, groupBy: [], teamIds: scope.teamIds }),
    queryAdvice(db, { teamIds: scope.teamIds === 'all' ? 'all' : ids, range: checked }),
    opts.page === undefined ? listAdvisedCalls(db, callFilter) : [],
    opts.page === undefined ? null : pageAdvisedCalls(db, { ...callFilter, page: opts.page }),
  ])
  return { range, thisMonth: { range: month, spend: thisSpend }, lastMonth: { range: last, spend: lastSpend }, report, calls, flagged }
}

export type WhatIfOutcome =
  | { status: 'idle' }
  | { status: 'invalid'; errors: string[]; fieldErrors: { target?: string } }
  | { status: 'done'; report: WhatIfReport; window: DayRange; teamLabel: string }

/** Validates the what-if parameters (the proposed policy with the shared zod schema) and runs the replay. */
export async function runWhatIf(db: pg.Pool, scope: AdviceScope, wi: WhatIfParams, now: Date): Promise<WhatIfOutcome> {
  if (!wi.run) return { status: 'idle' }
  const errors = [...wi.errors]
  let teams: number[] | 'all'
  let teamLabel: string
  if (!scope.allTeams) {
    teams = scope.visible.map((t) => t.id)
    teamLabel = `team ${scope.visible[0]?.slug ?? ''}`
  } else if (wi.team === null || wi.team === 'all') {
    teams = 'all'
    teamLabel = 'all teams'
  } else {
    const team = scope.visible.find((t) => t.slug === wi.team)
    if (!team) errors.push(`Unknown team '${wi.team}'`)
    teams = team ? [team.id] : []
    teamLabel = `team ${wi.team}`
  }
  const catalog = await getPolicyCatalog(db)
  const fieldErrors: { target?: string } = {}
  try {
    resolveWhatIfTarget(catalog, wi.target)
  } catch (e) {
    if (!isAppError(e)) throw e
    fieldErrors.target = e.message
    errors.push(e.message)
  }
  let policy = null
  if (wi.mode === 'policy') {
    const parsed = teamPolicyInput.safeParse({ allowedModels: wi.allowed, blockedModels: wi.blocked, localDataClasses: wi.local, defaultModels: wi.defaults })
    if (!parsed.success) errors.push(describePolicyIssues(parsed.error))
    else {
      const named = [...parsed.data.allowedModels, ...parsed.data.blockedModels, ...Object.values(parsed.data.defaultModels)]
      const unknown = [...new Set(named.filter((s): s is string => typeof s === 'string' && !catalog.bySlug.has(s)))]
      if (unknown.length > 0) errors.push(`Unknown model(s): ${unknown.map((s) => `'${s}'`).join(', ')}`)
      policy = parsed.data
    }
  }
  if (errors.length > 0) return { status: 'invalid', errors, fieldErrors }
  const window = whatIfWindow(wi.days, now)
  const report = await whatIf(db, {
    teams,
    days: wi.days,
    mode: wi.mode === 'policy' && policy ? { kind: 'policy', policy } : { kind: 'apply-all-advice' },
    target: wi.target,
    now: window.end,
  })
  return { status: 'done', report, window: { from: window.from, to: window.to }, teamLabel }
}
