import type pg from 'pg'
import { defaultFocusContext, toFocusRows, type FocusRow, type FocusUsageGroup } from './focus-export'
import { parseMonth } from './month-statement'

// The FOCUS export reads raw usage_events, on purpose and bounded to one month (and the caller's teams):
// rollups hold one cost per team × day × model, not one per token bucket, and a day can mix price
// versions. Grouping events by day × team × model × the price version that priced them gives exact
// per-bucket costs (tokens × that version's rate), which sum to the rollups' cost to the last digit.

export type FocusQuery = { month: string; /** null = every team */ teamIds: readonly number[] | null }

type GroupRow = {
  day: string
  team_id: number
  team_slug: string
  team_name: string
  model_key: string
  model_name: string | null
  provider: string | null
  family: string | null
  deployment: FocusUsageGroup['deployment']
  pv_id: number | null
  pv_input: string | null
  pv_cache_read: string | null
  pv_cache_write: string | null
  pv_output: string | null
  pv_reasoning: string | null
  input_tokens: string
  cache_read_tokens: string
  cache_write_tokens: string
  output_tokens: string
  reasoning_tokens: string
}

type TagRow = { day: string; team_id: number; model_key: string; key: string; vals: string[] }

const monthWhere = `e.ts >= ($1::date::timestamp AT TIME ZONE 'UTC') AND e.ts < ($2::date::timestamp AT TIME ZONE 'UTC')
  AND ($3::int[] IS NULL OR e.team_id = ANY($3::int[]))`

export async function queryFocusGroups(pool: pg.Pool, q: FocusQuery): Promise<FocusUsageGroup[]> {
  const { from, to } = parseMonth(q.month)
  const params = [from, to, q.teamIds ? [...q.teamIds] : null]
  const [groups, tags] = await Promise.all([
    pool.query<GroupRow>(
      `WITH g AS (
         SELECT (e.ts AT TIME ZONE 'UTC')::date AS day, e.team_id, coalesce(m.slug, e.model_raw) AS model_key, e.model_id,
                e.price_version_id, min(e.provider) AS event_provider,
                sum(e.input_tokens) AS input_tokens, sum(e.cache_read_tokens) AS cache_read_tokens,
                sum(e.cache_write_tokens) AS cache_write_tokens, sum(e.output_tokens) AS output_tokens,
                sum(e.reasoning_tokens) AS reasoning_tokens
           FROM usage_events e
           LEFT JOIN models m ON m.id = e.model_id
          WHERE ${monthWhere}
          GROUP BY 1, 2, 3, 4, 5
       )
       SELECT to_char(g.day, 'YYYY-MM-DD') AS day, t.id AS team_id, t.slug AS team_slug, t.name AS team_name,
              g.model_key, m.display_name AS model_name, coalesce(m.provider, g.event_provider) AS provider, m.family,
              m.deployment::text AS deployment,
              pv.id AS pv_id, pv.input::text AS pv_input, pv.cache_read::text AS pv_cache_read,
              pv.cache_write::text AS pv_cache_write, pv.output::text AS pv_output, pv.reasoning::text AS pv_reasoning,
              g.input_tokens::text, g.cache_read_tokens::text, g.cache_write_tokens::text, g.output_tokens::text, g.reasoning_tokens::text
         FROM g
         JOIN teams t ON t.id = g.team_id
         LEFT JOIN models m ON m.id = g.model_id
         LEFT JOIN price_versions pv ON pv.id = g.price_version_id
        ORDER BY g.day, t.slug, g.model_key, pv.id NULLS FIRST`,
      params,
    ),
    pool.query<TagRow>(
      `SELECT to_char(g.day, 'YYYY-MM-DD') AS day, g.team_id, g.model_key, g.key, g.vals
         FROM (SELECT (e.ts AT TIME ZONE 'UTC')::date AS day, e.team_id, coalesce(m.slug, e.model_raw) AS model_key, kv.key,
                      array_agg(DISTINCT kv.value) AS vals
                 FROM usage_events e
                 LEFT JOIN models m ON m.id = e.model_id
                 CROSS JOIN LATERAL jsonb_each_text(CASE WHEN jsonb_typeof(e.tags) = 'object' THEN e.tags ELSE '{}'::jsonb END) kv
                WHERE ${monthWhere}
                GROUP BY 1, 2, 3, 4) g`,
      params,
    ),
  ])
  const tagsByGroup = new Map<string, Record<string, string[]>>()
  for (const t of tags.rows) {
    const key = `${t.day}|${t.team_id}|${t.model_key}`
    const entry = tagsByGroup.get(key) ?? {}
    entry[t.key] = t.vals
    tagsByGroup.set(key, entry)
  }
  return groups.rows.map((r) => ({
    day: r.day,
    teamId: r.team_id,
    teamSlug: r.team_slug,
    teamName: r.team_name,
    modelKey: r.model_key,
    modelName: r.model_name,
    provider: r.provider,
    family: r.family,
    deployment: r.deployment,
    priceVersion:
      r.pv_id === null || r.pv_input === null || r.pv_output === null
        ? null
        : { id: r.pv_id, input: r.pv_input, cacheRead: r.pv_cache_read, cacheWrite: r.pv_cache_write, output: r.pv_output, reasoning: r.pv_reasoning },
    tokens: {
      input: r.input_tokens,
      cacheRead: r.cache_read_tokens,
      cacheWrite: r.cache_write_tokens,
      output: r.output_tokens,
      reasoning: r.reasoning_tokens,
    },
    tags: tagsByGroup.get(`${r.day}|${r.team_id}|${r.model_key}`) ?? {},
  }))
}

/** The month's FOCUS 1.2 rows for the given teams. */
export async function queryFocusRows(pool: pg.Pool, q: FocusQuery): Promise<FocusRow[]> {
  return toFocusRows(await queryFocusGroups(pool, q), { month: q.month, ...defaultFocusContext })
}
