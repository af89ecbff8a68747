import { performance } from 'node:perf_hooks'
import type pg from 'pg'

// The baseline of the page-data benchmark: the SAME loader code, run against a pool whose queries read
// stand-ins for the day rollups (rollups_daily, rollups_profile_daily) that are GROUP BYs over raw usage_events (the rollup aggregation itself,
// lib/rollups/rollup-sql.ts) — so both sides compute the same numbers by construction, and the bench
// checks that they do. The stand-in gets the query's own day range as a ts range on the events
// (sargable: the (team_id, ts) index or partition pruning can use it); the team filter is pushed down
// by PostgreSQL itself. A query whose day range is not recognised reads every event (counted).

type Query = { text: string; values?: unknown[] }

export type QueryLog = { source: 'rollups' | 'events' | 'other'; ms: number }[]

export type TwinStats = { rewritten: number; unbounded: number }

function sourceOf(sql: string): QueryLog[number]['source'] {
  if (/\brollups_(profile_daily|daily|hourly)\b/.test(sql)) return 'rollups'
  if (/\busage_events\b/.test(sql)) return 'events'
  return 'other'
}

/** `pool` with its query() timed into `log` (and rewritten by `rewrite`, when given). */
export function instrumentPool(pool: pg.Pool, log: QueryLog, rewrite?: (sql: string) => string): pg.Pool {
  const query = async (first: string | Query, values?: unknown[]) => {
    const text = typeof first === 'string' ? first : first.text
    const params = typeof first === 'string' ? values : (first.values ?? values)
    const sql = rewrite ? rewrite(text) : text
    const t0 = performance.now()
    try {
      return await pool.query(sql, params)
    } finally {
      log.push({ source: sourceOf(text), ms: performance.now() - t0 })
    }
  }
  return new Proxy(pool, {
    get(target, prop, receiver) {
      if (prop === 'query') return query
      if (prop === 'connect') throw new Error('instrumentPool: loaders under test must use pool.query only')
      return Reflect.get(target, prop, receiver) as unknown
    },
  })
}

/** The day-grained rollups the twin replaces, with the grain aggregateEventsSql knows them by. */
const twinTables = [
  ['rollups_daily', 'daily'],
  ['rollups_profile_daily', 'profile'],
] as const
type TwinGrain = (typeof twinTables)[number][1]

/** SQL rewriter: `FROM rollups_daily [alias]` (and the profile rollup) → `FROM (<raw aggregation over the same days>) [alias]`. */
export function rawDailyRewriter(aggregateEventsSql: (grain: TwinGrain, where: string) => string, stats: TwinStats): (sql: string) => string {
  const utcStart = (param: string, plusDays = 0) => `((${param}::date${plusDays ? ` + ${plusDays}` : ''})::timestamp AT TIME ZONE 'UTC')`
  return (sql) => {
    const used = twinTables.filter(([table]) => new RegExp(`\\b${table}\\b`).test(sql))
    if (used.length === 0) return sql
    if (/\brollups_hourly\b/.test(sql)) throw new Error('raw twin: rollups_hourly is not rewritten; extend bench/core/raw-twin.ts')
    let bounds: string | null = null
    const between = /\bday BETWEEN (\$\d+)::date AND (\$\d+)::date/.exec(sql)
    const halfOpen = /\bday >= (\$\d+)::date AND (?:\w+\.)?day < (\$\d+)::date/.exec(sql)
    if (between) bounds = `e.ts >= ${utcStart(between[1]!)} AND e.ts < ${utcStart(between[2]!, 1)}`
    else if (halfOpen) bounds = `e.ts >= ${utcStart(halfOpen[1]!)} AND e.ts < ${utcStart(halfOpen[2]!)}`
    else stats.unbounded++
    let out = sql
    for (const [table, grain] of used) {
      const uses = sql.match(new RegExp(`\\b${table}\\b`, 'g'))?.length ?? 0
      const fromUses = sql.match(new RegExp(`\\bFROM ${table}\\b`, 'g'))?.length ?? 0
      if (uses !== fromUses) throw new Error(`raw twin: ${table} is used other than as FROM ${table} [alias] in: ${sql.slice(0, 300)}`)
      const sub = `(${aggregateEventsSql(grain, bounds ?? 'true').replace(/\s*ORDER BY [\d, ]+$/, '')})`
      // Replacer functions, not strings: the subquery's own $n parameters must not be read as group references.
      out = out
        .replace(new RegExp(`\\bFROM ${table}\\s+(r|p)\\b`, 'g'), (_m, alias: string) => `FROM ${sub} ${alias}`)
        .replace(new RegExp(`\\bFROM ${table}\\b`, 'g'), () => `FROM ${sub} ${table}`)
    }
    stats.rewritten++
    return out
  }
}

/** First difference between two JSON-able values, as a path and both sides (null when equal). */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (a === b) return null
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return `${path}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`
  const ka = Object.keys(a as object)
  const kb = Object.keys(b as object)
  if (Array.isArray(a) && ka.length !== kb.length) return `${path}: ${ka.length} items ≠ ${kb.length} items`
  for (const k of new Set([...ka, ...kb])) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`)
    if (d) return d
  }
  return null
}

/** JSON round trip: Dates, Decimals and bigints become what the page would render. */
export function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)))
}
