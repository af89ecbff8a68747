import type pg from 'pg'
import { costUnderVersionSql, priceInForceJoinSql } from '@/lib/pricing/cost-sql'
import { Decimal } from '@/lib/pricing/decimal'
import { profileWindow, profileWindowParams, profileWindowSql } from '@/lib/rollups/profile-window'
import { appliedBatchesOnly } from '@/lib/rollups/rebuild-rollups'
import type { AdviceRange } from './advice-query-schema'

// The advice on stored events, aggregated by rule, by team and by (current → suggested model). It reads
// the profile rollup (team × day × model × … × advice rule × suggested model) for whole days and raw
// events only where a day cannot be priced as one (lib/rollups/profile-window.ts). The cost at the
// suggested model is recomputed from the price version in force at the events' time (exact NUMERIC), so
// it follows price changes the way stored costs follow re-pricing. Both parts count applied batches
// only, like every rollup.

/** saving = current_cost − cost_at_suggested, both over the calls where both costs are known; the rest
 *  (no suggestion, an unpriced suggestion or an unpriced call) are counted under unknown. */
export type AdviceNumbers = {
  calls: number
  saving_known_calls: number
  current_cost: string
  cost_at_suggested: string
  saving: string
  unknown: { calls: number; current_cost: string }
}

export type AdviceReport = {
  from: string
  to: string
  teams: number[]
  totals: AdviceNumbers
  by_rule: ({ rule: string; severity: string } & AdviceNumbers)[]
  by_team: ({ team_id: number; team: string } & AdviceNumbers)[]
  by_move: ({ current_model: string; suggested_model: string | null } & AdviceNumbers)[]
}

type Row = {
  team_id: number
  team: string
  rule: string
  severity: string
  current_model: string
  suggested_model: string | null
  calls: string
  known_calls: string
  current_known: string
  suggested_known: string
  unknown_calls: string
  current_unknown: string
}

// Profile rows and raw events as one stream of (calls, current cost, cost at the suggested model), then
// summed: a profile row is all priced or all unpriced (it is keyed by price version).
const SQL = (() => {
  const w = profileWindowSql(2)
  return `
  WITH flagged AS (
    SELECT p.team_id, p.advice_rule AS rule, p.advice_severity, p.model_key AS current_model, p.suggested_model_id,
           p.price_version_id IS NOT NULL AS priced, p.calls, p.cost, ${costUnderVersionSql('p', 'sv')} AS suggested_cost
      FROM rollups_profile_daily p
      ${priceInForceJoinSql({ as: 'sv', modelId: 'p.suggested_model_id', at: "(p.day::timestamp AT TIME ZONE 'UTC')" })}
     WHERE p.team_id = ANY($1::int[]) AND ${w.rollupDays('p')} AND p.advice_rule IS NOT NULL
    UNION ALL
    SELECT e.team_id, e.advice_rule, e.advice_severity, coalesce(m.slug, e.model_raw), e.suggested_model_id,
           e.cost IS NOT NULL, 1, e.cost, ${costUnderVersionSql('e', 'sv')}
      FROM ${w.rawEvents}
      LEFT JOIN models m ON m.id = e.model_id
      ${priceInForceJoinSql({ as: 'sv', modelId: 'e.suggested_model_id', at: 'e.ts' })}
     WHERE e.team_id = ANY($1::int[]) AND e.advice_rule IS NOT NULL AND ${appliedBatchesOnly}
  )
  SELECT f.team_id, t.slug AS team, f.rule, f.advice_severity::text AS severity, f.current_model, s.slug AS suggested_model,
         sum(f.calls)::text AS calls,
         coalesce(sum(f.calls) FILTER (WHERE f.priced AND f.suggested_cost IS NOT NULL), 0)::text AS known_calls,
         coalesce(sum(f.cost) FILTER (WHERE f.priced AND f.suggested_cost IS NOT NULL), 0)::text AS current_known,
         coalesce(sum(f.suggested_cost) FILTER (WHERE f.priced), 0)::text AS suggested_known,
         coalesce(sum(f.calls) FILTER (WHERE NOT f.priced OR f.suggested_cost IS NULL), 0)::text AS unknown_calls,
         coalesce(sum(f.cost) FILTER (WHERE f.priced AND f.suggested_cost IS NULL), 0)::text AS current_unknown
    FROM flagged f
    JOIN teams t ON t.id = f.team_id
    LEFT JOIN models s ON s.id = f.suggested_model_id
   GROUP BY 1, 2, 3, 4, 5, 6`
})()

type Acc = { calls: number; known: number; current: Decimal; suggested: Decimal; unknownCalls: number; unknownCurrent: Decimal }
const emptyAcc = (): Acc => ({ calls: 0, known: 0, current: new Decimal(0), suggested: new Decimal(0), unknownCalls: 0, unknownCurrent: new Decimal(0) })

function add(acc: Acc, r: Row): void {
  acc.calls += Number(r.calls)
  acc.known += Number(r.known_calls)
  acc.current = acc.current.plus(r.current_known)
  acc.suggested = acc.suggested.plus(r.suggested_known)
  acc.unknownCalls += Number(r.unknown_calls)
  acc.unknownCurrent = acc.unknownCurrent.plus(r.current_unknown)
}

function numbers(a: Acc): AdviceNumbers {
  return {
    calls: a.calls,
    saving_known_calls: a.known,
    current_cost: a.current.toFixed(),
    cost_at_suggested: a.suggested.toFixed(),
    saving: a.current.minus(a.suggested).toFixed(),
    unknown: { calls: a.unknownCalls, current_cost: a.unknownCurrent.toFixed() },
  }
}

function groupBy<K>(rows: readonly Row[], key: (r: Row) => string, label: (r: Row) => K): (K & AdviceNumbers)[] {
  const groups = new Map<string, { label: K; acc: Acc }>()
  for (const r of rows) {
    const k = key(r)
    let g = groups.get(k)
    if (!g) groups.set(k, (g = { label: label(r), acc: emptyAcc() }))
    add(g.acc, r)
  }
  // Largest saving first; the key breaks ties so the order never depends on the database's.
  return [...groups.entries()]
    .sort(([ka, a], [kb, b]) => b.acc.current.minus(b.acc.suggested).comparedTo(a.acc.current.minus(a.acc.suggested)) || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .map(([, g]) => ({ ...g.label, ...numbers(g.acc) }))
}

/** The caller decides the tenancy: the team ids the key or user may see, or 'all' for an org-wide reader. */
export async function queryAdvice(db: pg.Pool, args: { teamIds: readonly number[] | 'all'; range: AdviceRange }): Promise<AdviceReport> {
  const ids = args.teamIds === 'all' ? (await db.query<{ id: number }>('SELECT id FROM teams')).rows.map((t) => t.id) : args.teamIds
  const teams = [...new Set(ids)].sort((a, b) => a - b)
  const window = await profileWindow(db, new Date(`${args.range.from}T00:00:00Z`), new Date(Date.parse(`${args.range.to}T00:00:00Z`) + 86_400_000))
  const { rows } = teams.length === 0 ? { rows: [] as Row[] } : await db.query<Row>(SQL, [teams, ...profileWindowParams(window)])
  const totals = emptyAcc()
  for (const r of rows) add(totals, r)
  return {
    from: args.range.from,
    to: args.range.to,
    teams,
    totals: numbers(totals),
    by_rule: groupBy(rows, (r) => r.rule, (r) => ({ rule: r.rule, severity: r.severity })),
    by_team: groupBy(rows, (r) => String(r.team_id), (r) => ({ team_id: r.team_id, team: r.team })),
    by_move: groupBy(rows, (r) => `${r.current_model}\u0000${r.suggested_model ?? ''}`, (r) => ({ current_model: r.current_model, suggested_model: r.suggested_model })),
  }
}
