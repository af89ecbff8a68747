import type pg from 'pg'
import { Decimal } from '@/lib/pricing/decimal'
import type { AdviceRange } from './advice-query-schema'

// The advice on stored events, aggregated by rule, by team and by (current → suggested model).
// Rollups carry flagged calls and potential saving per team × model × day but no per-rule split, so
// this reads usage_events over a bounded range through the (team_id, ts) index. The cost at the
// suggested model is recomputed from the price version in force at each event's time (exact NUMERIC),
// so it follows re-pricing the way stored costs do.

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

const SQL = `
  SELECT e.team_id, t.slug AS team, e.advice_rule AS rule, e.advice_severity::text AS severity,
         coalesce(m.slug, e.model_raw) AS current_model, s.slug AS suggested_model,
         count(*)::text AS calls,
         count(*) FILTER (WHERE e.cost IS NOT NULL AND sp.cost IS NOT NULL)::text AS known_calls,
         coalesce(sum(e.cost) FILTER (WHERE e.cost IS NOT NULL AND sp.cost IS NOT NULL), 0)::text AS current_known,
         coalesce(sum(sp.cost) FILTER (WHERE e.cost IS NOT NULL), 0)::text AS suggested_known,
         count(*) FILTER (WHERE e.cost IS NULL OR sp.cost IS NULL)::text AS unknown_calls,
         coalesce(sum(e.cost) FILTER (WHERE sp.cost IS NULL), 0)::text AS current_unknown
    FROM usage_events e
    JOIN teams t ON t.id = e.team_id
    LEFT JOIN models m ON m.id = e.model_id
    LEFT JOIN models s ON s.id = e.suggested_model_id
    LEFT JOIN LATERAL (
      -- × 0.000001 rather than ÷ 1e6: NUMERIC multiplication keeps every digit (scale 9 + 6 = 15).
      SELECT (e.input_tokens * p.input
            + e.cache_read_tokens * coalesce(p.cache_read, p.input)
            + e.cache_write_tokens * coalesce(p.cache_write, p.input)
            + e.output_tokens * p.output
            + e.reasoning_tokens * coalesce(p.reasoning, p.output)) * 0.000001 AS cost
        FROM price_versions p
       WHERE p.model_id = e.suggested_model_id AND p.effective_from <= e.ts AND e.ts < coalesce(p.effective_to, 'infinity')
       ORDER BY p.effective_from DESC
       LIMIT 1
    ) sp ON true
   WHERE e.team_id = ANY($1::int[]) AND e.ts >= $2::date AND e.ts < ($3::date + 1) AND e.advice_rule IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6`

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
  const { rows } = teams.length === 0 ? { rows: [] as Row[] } : await db.query<Row>(SQL, [teams, args.range.from, args.range.to])
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
