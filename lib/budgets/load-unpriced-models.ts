import type pg from 'pg'

export type UnpricedModel = { model: string; unpricedCalls: string }

/**
 * Per team, the models (rollup model key: catalog slug, or the string as sent when unmatched) with
 * unpriced calls in the range, busiest first.
 */
export async function loadUnpricedModels(
  pool: pg.Pool,
  range: { from: string; to: string },
  teamIds?: readonly number[],
): Promise<Map<number, UnpricedModel[]>> {
  const { rows } = await pool.query<{ team_id: number; model_key: string; unpriced_calls: string }>(
    `SELECT team_id, model_key, sum(unpriced_calls)::text AS unpriced_calls
       FROM rollups_daily
      WHERE day BETWEEN $1::date AND $2::date AND unpriced_calls > 0 AND ($3::int[] IS NULL OR team_id = ANY($3::int[]))
      GROUP BY team_id, model_key
      ORDER BY team_id, sum(unpriced_calls) DESC, model_key COLLATE "C"`,
    [range.from, range.to, teamIds ?? null],
  )
  const byTeam = new Map<number, UnpricedModel[]>()
  for (const r of rows) {
    const list = byTeam.get(r.team_id) ?? []
    list.push({ model: r.model_key, unpricedCalls: r.unpriced_calls })
    byTeam.set(r.team_id, list)
  }
  return byTeam
}
