import { randomBytes } from 'node:crypto'
import { pool, prisma } from '@/lib/db'
import { createApiKey } from '@/lib/auth/api-keys'
import { applyBatchRollup } from '@/lib/rollups/apply-batch-rollup'

// Every test makes its own team with random ids; nothing is reset globally.
export function randomSlug(prefix = 't'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`
}

export async function createTestTeam(opts: { scopes?: string[] } = {}) {
  const team = await prisma.team.create({ data: { slug: randomSlug(), name: 'Test team' } })
  const { key } = await createApiKey(prisma, { teamId: team.id, name: 'test', scopes: opts.scopes, actor: { name: 'test' } })
  return { team, key }
}

export function usageRequest(key: string | null, body: unknown, init: { contentType?: string; path?: string; raw?: string | Uint8Array } = {}): Request {
  const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/json' }
  if (key !== null) headers.authorization = `Bearer ${key}`
  return new Request(`http://localhost${init.path ?? '/api/v1/usage'}`, {
    method: 'POST',
    headers,
    body: (init.raw ?? JSON.stringify(body)) as BodyInit,
  })
}

export function minutesAgo(n: number): string {
  return new Date(Date.now() - n * 60_000).toISOString()
}

/** Applies the team's stored batches to the rollups, as the worker would (no worker runs in these tests). */
export async function applyTeamRollups(teamId: number): Promise<void> {
  const { rows } = await pool.query<{ id: string }>('SELECT id::text FROM ingest_batches WHERE team_id = $1 AND rolled_up_at IS NULL ORDER BY id', [teamId])
  for (const { id } of rows) await applyBatchRollup(pool, id)
}
