import { randomBytes } from 'node:crypto'
import { encode } from 'next-auth/jwt'
import { createApiKey } from '@/lib/auth/api-keys'
import { roles, type Role } from '@/lib/auth/permissions'
import { pool, prisma } from '@/lib/db'
import { ingestEvents } from '@/lib/ingest/ingest-usage-batch'
import { invalidatePricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { addPriceVersion } from '@/lib/pricing/add-price-version'
import { startReprice } from '@/lib/pricing/reprice/start-reprice'
import { applyBatchRollup } from '@/lib/rollups/apply-batch-rollup'
import type { Principal } from './surface'

// Two tenants with their own users, keys, events (flagged, rolled up) and a priced model of their own,
// all with random names: what the access tests read, write and try to reach across the wall.

const hex = () => randomBytes(5).toString('hex')
const actor = { name: 'access-test' }

export type TestUser = { id: number; email: string; role: Role; teamId: number | null }
export type TestTeam = { id: number; slug: string; name: string; eventId: string }

export type World = {
  own: TestTeam
  other: TestTeam
  /** One user per role; team_lead and engineer belong to `own`, admin and finance to no team. */
  users: Record<Role, TestUser>
  /** The other team's lead, to show the wall holds in both directions. */
  otherLead: TestUser
  keys: {
    own: { usageAndSpend: string; usageOnly: string; spendOnly: string }
    other: string
    org: string
  }
  model: { id: number; slug: string; displayName: string }
  repriceRun: number
}

/** An event time inside this UTC month and the last hour, so "this month" and "last 30 days" views both hold it. */
function recentTimestamp(now: Date): string {
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)
  return new Date(Math.max(now.getTime() - 60_000, monthStart)).toISOString()
}

async function makeUser(role: Role, teamId: number | null, tag: string): Promise<TestUser> {
  const email = `access-${tag}-${role.replace('_', '-')}-${hex()}@example.test`
  const u = await prisma.user.create({ data: { email, name: `Access ${role}`, role, teamId } })
  return { id: u.id, email, role, teamId }
}

async function makeTeam(tag: string, modelSlug: string, now: Date): Promise<TestTeam> {
  const suffix = hex()
  const team = await prisma.team.create({ data: { slug: `acc-${tag}-${suffix}`, name: `Access ${tag} ${suffix}` } })
  const eventId = `access-${tag}-event-${suffix}`
  const out = await ingestEvents(pool, team.id, [{ id: eventId, timestamp: recentTimestamp(now), model: modelSlug, input_tokens: 1000, output_tokens: 100, task: 'chat' }], {
    source: 'test',
    now,
    enqueue: false,
    advise: (e) => (e.cost ? { rule: 'access-test', severity: 'saving', suggestedModelId: null, estimatedSaving: e.cost.times('0.5') } : null),
  })
  if (out.rejected > 0 || !out.batchId) throw new Error(`world: event for ${team.slug} rejected`)
  await applyBatchRollup(pool, out.batchId)
  return { id: team.id, slug: team.slug, name: team.name, eventId }
}

export async function createWorld(now = new Date()): Promise<World> {
  const slug = `acc-model-${hex()}`
  const model = await prisma.model.create({
    data: { slug, displayName: `Access Model ${slug.slice(-10)}`, provider: 'test', family: 'Test', route: 'dense', deployment: 'closed_api', aliases: { create: [{ alias: slug }] } },
  })
  await addPriceVersion(prisma, { modelId: model.id, effectiveFrom: new Date('2020-01-01T00:00:00Z'), input: '1', output: '2', source: 'manual', actor })
  invalidatePricingSnapshot()

  const own = await makeTeam('own', slug, now)
  const other = await makeTeam('other', slug, now)
  const users = {} as Record<Role, TestUser>
  for (const role of roles) users[role] = await makeUser(role, role === 'team_lead' || role === 'engineer' ? own.id : null, 'own')
  const otherLead = await makeUser('team_lead', other.id, 'other')

  const key = async (teamId: number | null, scopes: string[]) => (await createApiKey(prisma, { teamId, name: `access-${hex()}`, scopes, actor })).key
  const keys = {
    own: {
      usageAndSpend: await key(own.id, ['usage:write', 'spend:read']),
      usageOnly: await key(own.id, ['usage:write']),
      spendOnly: await key(own.id, ['spend:read']),
    },
    other: await key(other.id, ['usage:write', 'spend:read']),
    org: await key(null, ['spend:read:all']),
  }

  const day = 86_400_000
  const { run } = await startReprice(prisma, { from: new Date(now.getTime() - day), to: new Date(now.getTime() + day), modelId: model.id, dryRun: true, actor }, pool)
  return { own, other, users, otherLead, keys, model: { id: model.id, slug, displayName: model.displayName }, repriceRun: run.id }
}

/** The values for surface.ts URL placeholders. */
export function placeholders(world: World): Record<string, string | number> {
  return {
    ownTeam: world.own.slug,
    otherTeam: world.other.slug,
    ownTeamName: world.own.name,
    model: world.model.slug,
    modelName: world.model.displayName,
    repriceRun: world.repriceRun,
  }
}

export const sessionCookieName = 'authjs.session-token'

/**
 * A real Auth.js session cookie for this user, encrypted with AUTH_SECRET exactly as Auth.js does at
 * sign-in. It carries only the user id and a stale check time, so Auth.js's jwt callback re-reads the
 * role and team from PostgreSQL on every use (auth.ts RECHECK_MS): the role under test is the DB's.
 */
export async function sessionCookie(userId: number, secure = false): Promise<string> {
  const secret = process.env.AUTH_SECRET
  if (!secret) throw new Error('AUTH_SECRET must be set for the access tests')
  const name = secure ? `__Secure-${sessionCookieName}` : sessionCookieName
  const token = await encode({ token: { uid: userId, checkedAt: 0 }, secret, salt: name })
  return `${name}=${token}`
}

/** Request headers as Next hands them to the app for this principal (http://localhost). */
export async function headersFor(world: World, who: Principal | TestUser): Promise<Record<string, string>> {
  const base = { host: 'localhost', 'x-forwarded-proto': 'http', 'x-forwarded-host': 'localhost' }
  if (who === 'anonymous') return base
  const user = typeof who === 'string' ? world.users[who] : who
  return { ...base, cookie: await sessionCookie(user.id) }
}
