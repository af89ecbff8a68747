import type { DataClass, TaskType } from '@prisma/client'
import type pg from 'pg'
import { Decimal } from '@/lib/pricing/decimal'
import { traitSql } from '@/lib/policy/event-traits'
import type { PolicySubject } from '@/lib/policy/types'

// Events aggregated into groups the rules can judge as one: same team, model, task, data class and
// traits (critical tag, latency-sensitive, small output), and the same price "epoch" — the span between
// two consecutive price-version boundaries of ANY model, inside which every model has one version in
// force. Costs are linear in tokens, so pricing a group's summed buckets at one version equals the sum
// of its events priced one by one: the replay is exact without touching each event in JavaScript.

export type WhatIfGroup = { teamId: number; modelKey: string; unpricedCalls: number; subject: PolicySubject }

type Row = {
  team_id: number
  model_id: number | null
  model_key: string
  task: TaskType | null
  data_class: DataClass | null
  critical_tag: boolean
  latency_sensitive: boolean
  small_output: boolean
  at: Date
  calls: number
  input: string
  cache_read: string
  cache_write: string
  output: string
  reasoning: string
  cost: string | null
  unpriced_calls: number
}

const SQL = `
  WITH bounds AS (
    SELECT coalesce(array_agg(b ORDER BY b), '{}'::timestamptz[]) AS arr
      FROM (SELECT effective_from AS b FROM price_versions
            UNION SELECT effective_to FROM price_versions WHERE effective_to IS NOT NULL) x
  )
  SELECT e.team_id, e.model_id, coalesce(m.slug, e.model_raw) AS model_key,
         e.task::text AS task, e.data_class::text AS data_class,
         ${traitSql.criticalTag} AS critical_tag,
         ${traitSql.latencySensitive} AS latency_sensitive,
         ${traitSql.smallOutput} AS small_output,
         min(e.ts) AS at, count(*)::int AS calls,
         sum(e.input_tokens)::text AS input, sum(e.cache_read_tokens)::text AS cache_read,
         sum(e.cache_write_tokens)::text AS cache_write, sum(e.output_tokens)::text AS output,
         sum(e.reasoning_tokens)::text AS reasoning,
         sum(e.cost)::text AS cost, count(*) FILTER (WHERE e.cost IS NULL)::int AS unpriced_calls
    FROM usage_events e
    LEFT JOIN models m ON m.id = e.model_id
   WHERE e.team_id = ANY($1::int[]) AND e.ts >= $2 AND e.ts < $3
   GROUP BY e.team_id, e.model_id, 3, 4, 5, 6, 7, 8, e.price_version_id, width_bucket(e.ts, (SELECT arr FROM bounds))
   ORDER BY e.team_id, 3`

function tokenSum(value: string): number {
  const n = Number(value)
  // calculateCost takes exact integers; a group this large would be trillions of dollars at any price.
  if (!Number.isSafeInteger(n)) throw new Error(`what-if: a group's token sum ${value} exceeds exact integer range`)
  return n
}

export async function loadWhatIfGroups(db: pg.Pool, teamIds: readonly number[], from: Date, to: Date): Promise<WhatIfGroup[]> {
  if (teamIds.length === 0) return []
  const { rows } = await db.query<Row>(SQL, [teamIds, from.toISOString(), to.toISOString()])
  return rows.map((r) => ({
    teamId: r.team_id,
    modelKey: r.model_key,
    unpricedCalls: r.unpriced_calls,
    subject: {
      ts: r.at,
      modelId: r.model_id,
      modelRaw: r.model_id === null ? r.model_key : null,
      calls: r.calls,
      buckets: { input: tokenSum(r.input), cacheRead: tokenSum(r.cache_read), cacheWrite: tokenSum(r.cache_write), output: tokenSum(r.output), reasoning: tokenSum(r.reasoning) },
      // One price version per group (grouped by it), so a group is all priced or all unpriced.
      cost: r.unpriced_calls > 0 || r.cost === null ? null : new Decimal(r.cost),
      task: r.task,
      dataClass: r.data_class,
      traits: { criticalTag: r.critical_tag, latencySensitive: r.latency_sensitive, smallOutput: r.small_output },
      latencyMs: null,
      latencyBudgetMs: null,
    },
  }))
}
