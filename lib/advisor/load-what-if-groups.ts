import type { DataClass, TaskType } from '@prisma/client'
import type pg from 'pg'
import { priceBoundariesSql } from '@/lib/pricing/cost-sql'
import { Decimal } from '@/lib/pricing/decimal'
import { traitSql } from '@/lib/policy/event-traits'
import { profileWindow, profileWindowParams, profileWindowSql } from '@/lib/rollups/profile-window'
import { appliedBatchesOnly } from '@/lib/rollups/rebuild-rollups'
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

// Whole days come from the profile rollup (its keys are these groups' keys less the epoch, and a day it
// answers lies inside one epoch); edge days and days with a price change inside come from raw events.
// Both parts count applied batches only, like every rollup.
const SQL = (() => {
  const w = profileWindowSql(2)
  const keys = 'team_id, model_id, model_key, task, data_class, critical_tag, latency_sensitive, small_output, price_version_id'
  const measures = 'input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens'
  return `
  WITH bounds AS (
    SELECT coalesce(array_agg(b ORDER BY b), '{}'::timestamptz[]) AS arr
      FROM (${priceBoundariesSql}) x
  ), grouped AS (
    SELECT ${keys}, (p.day::timestamp AT TIME ZONE 'UTC') AS at, calls, ${measures}, cost, unpriced_calls
      FROM rollups_profile_daily p
     WHERE p.team_id = ANY($1::int[]) AND ${w.rollupDays('p')}
    UNION ALL
    SELECT e.team_id, e.model_id, coalesce(m.slug, e.model_raw), e.task, e.data_class,
           ${traitSql.criticalTag}, ${traitSql.latencySensitive}, ${traitSql.smallOutput}, e.price_version_id,
           e.ts, 1, e.input_tokens, e.cache_read_tokens, e.cache_write_tokens, e.output_tokens, e.reasoning_tokens,
           e.cost, CASE WHEN e.status = 'unpriced' THEN 1 ELSE 0 END
      FROM ${w.rawEvents}
      LEFT JOIN models m ON m.id = e.model_id
     WHERE e.team_id = ANY($1::int[]) AND ${appliedBatchesOnly}
  )
  SELECT team_id, model_id, model_key, task::text AS task, data_class::text AS data_class, critical_tag, latency_sensitive, small_output,
         min(at) AS at, sum(calls)::int AS calls,
         sum(input_tokens)::text AS input, sum(cache_read_tokens)::text AS cache_read,
         sum(cache_write_tokens)::text AS cache_write, sum(output_tokens)::text AS output,
         sum(reasoning_tokens)::text AS reasoning,
         sum(cost)::text AS cost, sum(unpriced_calls)::int AS unpriced_calls
    FROM grouped
   GROUP BY ${keys}, width_bucket(at, (SELECT arr FROM bounds))
   ORDER BY team_id, model_key`
})()

function tokenSum(value: string): number {
  const n = Number(value)
  // calculateCost takes exact integers; a group this large would be trillions of dollars at any price.
  if (!Number.isSafeInteger(n)) throw new Error(`what-if: a group's token sum ${value} exceeds exact integer range`)
  return n
}

export async function loadWhatIfGroups(db: pg.Pool, teamIds: readonly number[], from: Date, to: Date): Promise<WhatIfGroup[]> {
  if (teamIds.length === 0) return []
  const window = await profileWindow(db, from, to)
  const { rows } = await db.query<Row>(SQL, [teamIds, ...profileWindowParams(window)])
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
