import { randomBytes } from 'node:crypto'
import { createApiKey } from '@/lib/auth/api-keys'
import { pool, prisma } from '@/lib/db'
import { ingestEvents } from '@/lib/ingest/ingest-usage-batch'
import type { Caller, CorpusContext, HostileCase } from './corpus'

// The tenants a hostile run needs: our team with keys of every scope, an org-wide key, and another team
// that already stored an event (its row count must never move). Random slugs: runs never collide.

export type HostileWorld = {
  team: { id: number; slug: string }
  other: { id: number; slug: string }
  otherEventId: string
  keys: Record<'team' | 'writeOnly' | 'readOnly' | 'org', string>
}

const actor = { name: 'hostile-test' }
const slug = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`

export async function createHostileWorld(): Promise<HostileWorld> {
  const team = await prisma.team.create({ data: { slug: slug('hostile'), name: 'Hostile input' } })
  const other = await prisma.team.create({ data: { slug: slug('bystander'), name: 'Bystander' } })
  const key = async (teamId: number | null, name: string, scopes: string[]) => (await createApiKey(prisma, { teamId, name, scopes, actor })).key
  const keys = {
    team: await key(team.id, 'all', ['usage:write', 'spend:read']),
    writeOnly: await key(team.id, 'write-only', ['usage:write']),
    readOnly: await key(team.id, 'read-only', ['spend:read']),
    org: await key(null, `org ${randomBytes(3).toString('hex')}`, ['spend:read:all']),
  }
  const otherEventId = `bystander-${randomBytes(4).toString('hex')}`
  const out = await ingestEvents(pool, other.id, [{ id: otherEventId, timestamp: new Date(Date.now() - 120_000).toISOString(), model: 'gpt-4o', input_tokens: 7, output_tokens: 7 }], {
    enqueue: false,
  })
  if (out.accepted !== 1) throw new Error(`could not store the bystander event: ${JSON.stringify(out.results)}`)
  return { team: { id: team.id, slug: team.slug }, other: { id: other.id, slug: other.slug }, otherEventId, keys }
}

export function contextFor(world: HostileWorld, index: number): CorpusContext {
  return {
    ts: new Date(Date.now() - 60_000).toISOString(),
    p: `h${index}-${randomBytes(3).toString('hex')}`,
    teamSlug: world.team.slug,
    otherTeamSlug: world.other.slug,
    otherEventId: world.otherEventId,
  }
}

/** The Authorization header a case sends (undefined: none). Sessions carry no header. */
export function authorizationFor(world: HostileWorld, c: HostileCase): string | undefined {
  if (c.authorization !== undefined) return c.authorization
  const as: Caller = c.as ?? 'team'
  if (as === 'team' || as === 'writeOnly' || as === 'readOnly' || as === 'org') return `Bearer ${world.keys[as]}`
  return undefined
}

export async function countRows(world: HostileWorld): Promise<{ team: number; other: number }> {
  const [team, other] = await Promise.all([prisma.usageEvent.count({ where: { teamId: world.team.id } }), prisma.usageEvent.count({ where: { teamId: world.other.id } })])
  return { team, other }
}

/** A plain good batch of one event: the server must still take it after any hostile request. */
export function goodBatch(ctx: CorpusContext): string {
  return JSON.stringify({ events: [{ id: `${ctx.p}-health`, timestamp: ctx.ts, model: 'gpt-4o', input_tokens: 3, output_tokens: 1 }] })
}
