import { readerAccess, type SessionUser } from '@/lib/auth/session-user'
import { pool } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { parseSpendParams } from '@/lib/reports/parse-spend-params'
import { resolveSpendTeams } from '@/lib/reports/resolve-spend-teams'
import { describeSpendQueryError, spendQuerySchema } from '@/lib/reports/spend-query-schema'
import type { SpendFilters } from '@/lib/reports/load-spend-overview'
import { toUtcDay, utcMonthOf } from '@/lib/time/utc-days'

export type SearchParams = Record<string, string | string[] | undefined>

export type SpendView = SpendFilters & {
  /** What the URL asked for, for the filter form and links (already checked). */
  teamSlug: string | null
  modelKey: string | null
  route: string | null
  /** true: may pick any team (finance, admin). */
  allTeams: boolean
  isCurrentMonth: boolean
}

const filterNames = ['from', 'to', 'team', 'model', 'route'] as const

/** The URL's filters as a query string (only the filter parameters, empty ones dropped). */
export function filterQuery(params: SearchParams | URLSearchParams, extra: Record<string, string> = {}): string {
  const out = new URLSearchParams()
  for (const name of filterNames) {
    const raw = params instanceof URLSearchParams ? params.getAll(name) : ([] as string[]).concat(params[name] ?? [])
    for (const v of raw) if (v.trim() !== '') out.append(name, v.trim())
  }
  for (const [k, v] of Object.entries(extra)) out.set(k, v)
  const s = out.toString()
  return s ? `?${s}` : ''
}

/**
 * The Spend page's filters (also its CSV export's): from/to default to this UTC month so far; `team`
 * is honoured for roles that read every team, and for everyone else must be their own team (403
 * otherwise, as in the spend API). Throws AppError invalid/forbidden.
 */
export async function resolveSpendView(user: SessionUser, params: SearchParams | URLSearchParams, now: Date): Promise<SpendView> {
  const scope = readerAccess(user, 'spend')
  const parsed = parseSpendParams(new URLSearchParams(filterQuery(params).slice(1)), now)
  const checked = spendQuerySchema.safeParse({ from: parsed.from, to: parsed.to, groupBy: [], teamIds: 'all', modelKeys: parsed.modelKeys, routes: parsed.routes })
  if (!checked.success) throw new AppError('invalid', describeSpendQueryError(checked.error))
  const teamIds = await resolveSpendTeams(pool, scope, parsed.teamSlugs)
  const month = utcMonthOf(now)
  const first = (list?: string[]) => (list && list.length > 0 ? (list[0] ?? null) : null)
  return {
    from: parsed.from,
    to: parsed.to,
    teamIds,
    modelKeys: parsed.modelKeys,
    routes: parsed.routes,
    teamSlug: scope.kind === 'all' ? first(parsed.teamSlugs) : null,
    modelKey: first(parsed.modelKeys),
    route: first(parsed.routes),
    allTeams: scope.kind === 'all',
    isCurrentMonth: parsed.from === month.firstDay && parsed.to === toUtcDay(now),
  }
}
