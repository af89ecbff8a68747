import { randomBytes } from 'node:crypto'
import type { Deployment, Route } from '@prisma/client'
import { expect } from 'vitest'
import { pool, prisma } from '@/lib/db'
import { createApiKey } from '@/lib/auth/api-keys'
import { isAppError } from '@/lib/errors'
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

/**
 * A catalog model of the test's own (random slug, which is also its alias): price changes made to it never
 * touch the shared catalog's prices.
 */
export async function createTestModel(prefix: string, opts: { provider?: string; route?: Route; deployment?: Deployment } = {}) {
  const slug = randomSlug(prefix)
  return prisma.model.create({
    data: { slug, displayName: slug, provider: opts.provider ?? 'test', family: 'Test', route: opts.route ?? 'dense', deployment: opts.deployment ?? 'closed_api', aliases: { create: [{ alias: slug }] } },
  })
}

/** The promise must fail with an AppError of this code whose message matches. */
export async function expectAppError(p: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  const err = await p.then(() => null, (e: unknown) => e)
  expect(isAppError(err) && err.code).toBe(code)
  expect((err as Error).message).toMatch(message)
}
