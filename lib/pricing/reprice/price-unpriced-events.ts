import type pg from 'pg'
import { inTransaction } from '@/lib/db'
import { buildModelMatcher, type CatalogModel } from '@/lib/catalog/match-model'
import { costInForceSql, statusInForceSql, versionInForceJoin } from './price-at-event-sql'
import { rebuildRollupDays, type TeamDay } from './rebuild-rollup-days'
import { lockRollups } from '@/lib/rollups/rebuild-rollups'

export type PriceUnpricedResult = { matched: number; priced: number; teamDays: number }

type Rematch = { raws: string[]; providers: (string | null)[]; modelIds: number[] }

// Events of these team-days, as a join: the (team_id, ts) index serves each pair. The UPDATEs below
// join on (id, ts), not id alone: usage_events is partitioned on ts, so ts finds the one month to look in.
const inTeamDays = `JOIN unnest($1::int[], $2::date[]) AS d(team_id, day)
  ON e.team_id = d.team_id AND e.ts >= (d.day::timestamp AT TIME ZONE 'UTC') AND e.ts < ((d.day + 1)::timestamp AT TIME ZONE 'UTC')`

const rematchJoin = (first: number) =>
  `LEFT JOIN unnest($${first}::text[], $${first + 1}::text[], $${first + 2}::int[]) AS m(raw, provider, model_id)
     ON e.model_id IS NULL AND e.model_raw = m.raw AND e.provider IS NOT DISTINCT FROM m.provider`

async function loadMatcher(pool: pg.Pool) {
  // Straight from the tables, not the cached snapshot: the alias that makes a match may be seconds old.
  const { rows } = await pool.query<{ id: number; slug: string; provider: string; aliases: string[] | null }>(
    `SELECT m.id, m.slug, m.provider, array_remove(array_agg(a.alias), NULL) AS aliases
       FROM models m LEFT JOIN model_aliases a ON a.model_id = m.id GROUP BY m.id`,
  )
  const catalog: CatalogModel[] = rows.map((m) => ({ id: m.id, slug: m.slug, provider: m.provider, aliases: m.aliases ?? [] }))
  return buildModelMatcher(catalog)
}

/** Model strings stored without a catalog match that match now (an alias or a model was added since). */
async function findRematches(pool: pg.Pool): Promise<Rematch> {
  const matcher = await loadMatcher(pool)
  const { rows } = await pool.query<{ model_raw: string; provider: string | null }>(
    `SELECT model_raw, provider FROM usage_events WHERE status = 'unpriced' AND model_id IS NULL GROUP BY 1, 2`,
  )
  const out: Rematch = { raws: [], providers: [], modelIds: [] }
  for (const r of rows) {
    const model = matcher(r.model_raw, r.provider ?? undefined)
    if (!model) continue
    out.raws.push(r.model_raw)
    out.providers.push(r.provider)
    out.modelIds.push(model.id)
  }
  return out
}

// Packs team-days into transactions of about `limit` events; a bigger team-day goes alone.
function pack(rows: (TeamDay & { n: number })[], limit: number): TeamDay[][] {
  const groups: TeamDay[][] = []
  let current: TeamDay[] = []
  let size = 0
  for (const r of rows) {
    if (current.length > 0 && size + r.n > limit) {
      groups.push(current)
      current = []
      size = 0
    }
    current.push({ teamId: r.teamId, day: r.day })
    size += r.n
  }
  if (current.length > 0) groups.push(current)
  return groups
}

/**
 * Unpriced is not free, and not forever: prices stored unpriced events that a price version now covers
 * (exactly, in SQL, with the version in force at each event's time), first re-matching events whose model
 * string matched no catalog entry. Each group of team-days commits its events and its rebuilt rollups in
 * one transaction, so rollups equal raw events at every commit. Idempotent; safe beside ingest and rollups.
 */
export async function priceUnpricedEvents(pool: pg.Pool, opts: { eventsPerTransaction?: number } = {}): Promise<PriceUnpricedResult> {
  const rematch = await findRematches(pool)
  const rematchParams = [rematch.raws, rematch.providers, rematch.modelIds]
  const { rows } = await pool.query<{ team_id: number; day: string; n: string }>(
    `SELECT e.team_id, (e.ts AT TIME ZONE 'UTC')::date::text AS day, count(*) AS n
       FROM usage_events e
       ${rematchJoin(1)}
      WHERE e.status = 'unpriced'
        AND (m.model_id IS NOT NULL
             OR (e.model_id IS NOT NULL AND EXISTS (
                   SELECT 1 FROM price_versions v
                    WHERE v.model_id = e.model_id AND v.effective_from <= e.ts AND (v.effective_to IS NULL OR e.ts < v.effective_to))))
      GROUP BY 1, 2
      ORDER BY 1, 2`,
    rematchParams,
  )
  const result: PriceUnpricedResult = { matched: 0, priced: 0, teamDays: rows.length }
  const groups = pack(
    rows.map((r) => ({ teamId: r.team_id, day: r.day, n: Number(r.n) })),
    opts.eventsPerTransaction ?? 50_000,
  )
  for (const group of groups) {
    const dayParams = [group.map((g) => g.teamId), group.map((g) => g.day)]
    await inTransaction(pool, async (client) => {
      // The rollup lock before any event row lock, in the order a re-price chunk takes them: two
      // transactions holding one each and waiting for the other would deadlock.
      await lockRollups(client)
      if (rematch.raws.length > 0) {
        const matched = await client.query(
          `UPDATE usage_events u SET model_id = s.model_id
             FROM (SELECT e.id, e.ts, m.model_id FROM usage_events e ${inTeamDays} ${rematchJoin(3)}
                    WHERE e.status = 'unpriced' AND m.model_id IS NOT NULL) s
            WHERE u.id = s.id AND u.ts = s.ts AND u.model_id IS NULL`,
          [...dayParams, ...rematchParams],
        )
        result.matched += matched.rowCount ?? 0
      }
      const priced = await client.query(
        `UPDATE usage_events u SET cost = s.cost, price_version_id = s.pv_id, status = s.status
           FROM (SELECT e.id, e.ts, pv.id AS pv_id, ${costInForceSql} AS cost, ${statusInForceSql} AS status
                   FROM usage_events e ${inTeamDays} ${versionInForceJoin}
                  WHERE e.status = 'unpriced' AND e.model_id IS NOT NULL AND pv.id IS NOT NULL) s
          WHERE u.id = s.id AND u.ts = s.ts AND u.status = 'unpriced'`,
        dayParams,
      )
      result.priced += priced.rowCount ?? 0
      await rebuildRollupDays(client, group)
    })
  }
  return result
}
