import type pg from 'pg'

/** The first UTC day with any usage for these teams (and models, when filtered); null when none. */
export async function queryFirstUsageDay(pool: pg.Pool, f: { teamIds: readonly number[] | 'all'; modelKeys?: readonly string[] }): Promise<string | null> {
  const { rows } = await pool.query<{ first: string | null }>(
    `SELECT to_char(min(day), 'YYYY-MM-DD') AS first FROM rollups_daily
      WHERE ($1::int[] IS NULL OR team_id = ANY($1::int[])) AND ($2::text[] IS NULL OR model_key = ANY($2::text[]))`,
    [f.teamIds === 'all' ? null : [...f.teamIds], f.modelKeys && f.modelKeys.length > 0 ? [...f.modelKeys] : null],
  )
  return rows[0]?.first ?? null
}
