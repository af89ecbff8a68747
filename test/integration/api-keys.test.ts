import { randomBytes } from 'node:crypto'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { createApiKey, generateApiKey, hashApiKey, listApiKeys, revokeApiKey } from '@/lib/auth/api-keys'
import { verifyPassword } from '@/lib/auth/hash-password'
import { clearApiKeyCache, requireScope, verifyApiKey } from '@/lib/auth/verify-api-key'
import { prisma } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { createTeam } from '@/lib/teams/create-team'
import { getTeamBySlugOrThrow } from '@/lib/teams/get-team-by-slug-or-throw'
import { createUser } from '@/lib/users/create-user'

const actor = { name: 'test' }
const slug = () => `t-${randomBytes(5).toString('hex')}`

async function newTeam() {
  return createTeam(prisma, { slug: slug(), name: 'Key test team', actor })
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 3_000): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const value = await read()
    if (done(value) || Date.now() > until) return value
    await new Promise((r) => setTimeout(r, 25))
  }
}

beforeEach(() => clearApiKeyCache())
afterAll(() => clearApiKeyCache())

describe('verifyApiKey', () => {
  it('accepts a new team key with its team and default scopes, and it stops working once revoked', async () => {
    const team = await newTeam()
    const { key, record } = await createApiKey(prisma, { teamId: team.id, name: 'ingest', actor })

    const ok = await verifyApiKey(key)
    expect(ok).toEqual({
      ok: true,
      key: { id: record.id, teamId: team.id, teamSlug: team.slug, scopes: ['usage:write', 'spend:read'], prefix: record.prefix },
    })
    if (!ok.ok) throw new Error('unreachable')
    expect(() => requireScope(ok.key, 'usage:write')).not.toThrow()

    await revokeApiKey(prisma, { teamId: team.id, name: 'ingest', actor })
    clearApiKeyCache()
    expect(await verifyApiKey(key)).toEqual({ ok: false, reason: 'revoked' })
  })

  it('reuses a lookup for the cache TTL, so a revocation takes effect when the entry expires', async () => {
    const team = await newTeam()
    const { key, record } = await createApiKey(prisma, { teamId: team.id, name: 'cached', actor })
    let clock = 1_000_000
    const opts = { cacheTtlMs: 5_000, now: () => clock }

    expect((await verifyApiKey(key, opts)).ok).toBe(true)
    await revokeApiKey(prisma, { teamId: team.id, prefix: record.prefix, actor })
    clock += 4_000
    expect((await verifyApiKey(key, opts)).ok).toBe(true)
    clock += 2_000
    expect(await verifyApiKey(key, opts)).toEqual({ ok: false, reason: 'revoked' })
  })

  it('sees a revocation at once with the cache turned off', async () => {
    const team = await newTeam()
    const { key } = await createApiKey(prisma, { teamId: team.id, name: 'uncached', actor })
    expect((await verifyApiKey(key, { cacheTtlMs: 0 })).ok).toBe(true)
    await revokeApiKey(prisma, { teamId: team.id, name: 'uncached', actor })
    expect(await verifyApiKey(key, { cacheTtlMs: 0 })).toEqual({ ok: false, reason: 'revoked' })
  })

  it('answers unknown for a well-formed key nobody issued and for a real prefix with the wrong secret', async () => {
    const team = await newTeam()
    const { key } = await createApiKey(prisma, { teamId: team.id, name: 'real', actor })
    expect(await verifyApiKey(generateApiKey().key)).toEqual({ ok: false, reason: 'unknown' })
    const forged = `${key.slice(0, 12)}${'A'.repeat(43)}`
    expect(await verifyApiKey(forged)).toEqual({ ok: false, reason: 'unknown' })
    expect((await verifyApiKey(key)).ok).toBe(true)
  })

  it.each([
    ['', 'missing'],
    [null, 'missing'],
    [undefined, 'missing'],
    ['   ', 'missing'],
    ['not-a-key', 'malformed'],
    ['ml_abc_123', 'malformed'],
    [`Bearer ${'ml_abcdefgh_' + 'x'.repeat(43)}`, 'malformed'],
  ])('answers %j with %s', async (presented, reason) => {
    expect(await verifyApiKey(presented)).toEqual({ ok: false, reason })
  })

  it('records last use without blocking, then at most once a minute', async () => {
    const team = await newTeam()
    const { key, record } = await createApiKey(prisma, { teamId: team.id, name: 'touch', actor })
    const read = () => prisma.apiKey.findUniqueOrThrow({ where: { id: record.id } }).then((k) => k.lastUsedAt)

    await verifyApiKey(key)
    const first = await waitFor(read, (v) => v !== null)
    expect(first).not.toBeNull()

    // A fresh process (empty cache) within the minute must not move it either.
    clearApiKeyCache()
    await verifyApiKey(key)
    await new Promise((r) => setTimeout(r, 300))
    expect(await read()).toEqual(first)
  })

  it('verifies an org-wide key with no team and only spend:read:all', async () => {
    const { key } = await createApiKey(prisma, { teamId: null, name: `finance-${slug()}`, actor })
    const result = await verifyApiKey(key)
    expect(result.ok && result.key).toMatchObject({ teamId: null, teamSlug: null, scopes: ['spend:read:all'] })
    if (!result.ok) throw new Error('unreachable')
    expect(() => requireScope(result.key, 'usage:write')).toThrow('this API key lacks the scope usage:write')
    try {
      requireScope(result.key, 'usage:write')
    } catch (err) {
      expect((err as AppError).status).toBe(403)
    }
  })
})

describe('API key management', () => {
  it('stores only the hash and prefix, and lists keys without either secret', async () => {
    const team = await newTeam()
    const { key, record } = await createApiKey(prisma, { teamId: team.id, name: 'stored', scopes: ['usage:write'], actor })
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: record.id } })
    expect(row.hash).toBe(hashApiKey(key))
    expect(row.prefix).toBe(key.slice(0, 11))
    expect(JSON.stringify(row)).not.toContain(key)

    const listed = await listApiKeys(prisma, team.id)
    expect(listed).toHaveLength(1)
    expect(listed[0]).not.toHaveProperty('hash')
    expect(listed[0]).toMatchObject({ name: 'stored', scopes: ['usage:write'], revokedAt: null })
    const text = JSON.stringify(listed)
    expect(text).not.toContain(key.slice(12))
    expect(text).not.toContain(row.hash)
  })

  it('refuses a second key with the same name in a team, for org-wide keys too, but allows it in another team', async () => {
    const [a, b] = [await newTeam(), await newTeam()]
    await createApiKey(prisma, { teamId: a.id, name: 'dup', actor })
    const err = await rejection(createApiKey(prisma, { teamId: a.id, name: 'dup', actor }))
    expect(err.code).toBe('conflict')
    expect(err.message).toContain(`A key named "dup" already exists (team '${a.slug}')`)
    await expect(createApiKey(prisma, { teamId: b.id, name: 'dup', actor })).resolves.toBeDefined()

    const orgName = `org-${slug()}`
    await createApiKey(prisma, { teamId: null, name: orgName, actor })
    expect((await rejection(createApiKey(prisma, { teamId: null, name: orgName, actor }))).code).toBe('conflict')
  })

  it('rejects scopes a key may not have', async () => {
    const team = await newTeam()
    const teamWide = await rejection(createApiKey(prisma, { teamId: team.id, name: 'x', scopes: ['spend:read:all'], actor }))
    expect(teamWide.code).toBe('invalid')
    const org = await rejection(createApiKey(prisma, { teamId: null, name: `o-${slug()}`, scopes: ['usage:write'], actor }))
    expect(org.message).toBe('an org-wide key may only have the scopes spend:read:all, usage:write:all, bills:write')
    const teamBills = await rejection(createApiKey(prisma, { teamId: team.id, name: 'y', scopes: ['bills:write'], actor }))
    expect(teamBills.message).toBe('the scope bills:write is only for org-wide keys')
    expect(await prisma.apiKey.count({ where: { teamId: team.id } })).toBe(0)
  })

  it("cannot revoke another team's key, and says so when a key is missing or already revoked", async () => {
    const [a, b] = [await newTeam(), await newTeam()]
    const { key, record } = await createApiKey(prisma, { teamId: a.id, name: 'mine', actor })
    const other = await rejection(revokeApiKey(prisma, { teamId: b.id, prefix: record.prefix, actor }))
    expect(other.code).toBe('not_found')
    expect((await verifyApiKey(key, { cacheTtlMs: 0 })).ok).toBe(true)

    await revokeApiKey(prisma, { teamId: a.id, prefix: record.prefix.slice(3), actor })
    const again = await rejection(revokeApiKey(prisma, { teamId: a.id, name: 'mine', actor }))
    expect(again.code).toBe('conflict')
    expect(again.message).toContain('already revoked')
  })

  it('writes an audit row for each create and revoke, without secrets', async () => {
    const team = await newTeam()
    const { key, record } = await createApiKey(prisma, { teamId: team.id, name: 'audited', actor: { id: null, name: 'auditor' } })
    await revokeApiKey(prisma, { teamId: team.id, name: 'audited', actor: { name: 'auditor' } })
    const rows = await prisma.auditLog.findMany({ where: { teamId: team.id }, orderBy: { id: 'asc' } })
    expect(rows.map((r) => [r.action, r.actor, r.entityType])).toEqual([
      ['team.create', 'test', 'team'],
      ['api_key.create', 'auditor', 'api_key'],
      ['api_key.revoke', 'auditor', 'api_key'],
    ])
    expect(rows[1]?.entityId).toBe(String(record.id))
    expect(rows[2]?.after).toMatchObject({ name: 'audited', prefix: record.prefix })
    const text = JSON.stringify(rows.map((r) => [r.before, r.after]))
    expect(text).not.toContain(key.slice(12))
    expect(text).not.toContain(hashApiKey(key))
  })
})

describe('teams and users', () => {
  it('rejects a bad or taken slug and finds a team by slug', async () => {
    const team = await newTeam()
    expect((await getTeamBySlugOrThrow(prisma, team.slug)).id).toBe(team.id)
    expect((await rejection(getTeamBySlugOrThrow(prisma, `${team.slug}-nope`))).code).toBe('not_found')
    expect((await rejection(createTeam(prisma, { slug: team.slug, name: 'again', actor }))).code).toBe('conflict')
    const bad = await rejection(createTeam(prisma, { slug: 'Bad Slug', name: 'x', actor }))
    expect(bad.message).toContain('The team slug "Bad Slug" won')
  })

  it('creates a user with a bcrypt hash, lower-cased email, team membership and an audit row', async () => {
    const team = await newTeam()
    const email = `Eng-${slug()}@Example.com`
    const user = await createUser(prisma, { email, role: 'engineer', teamSlug: team.slug, password: 'correct horse', actor })
    expect(user).toMatchObject({ email: email.toLowerCase(), role: 'engineer', teamId: team.id })
    expect(user).not.toHaveProperty('passwordHash')
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row.passwordHash).toMatch(/^\$2[aby]\$10\$/)
    expect(await verifyPassword('correct horse', row.passwordHash ?? '')).toBe(true)
    expect(await verifyPassword('wrong horse', row.passwordHash ?? '')).toBe(false)
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'user.create', entityId: String(user.id) } })
    expect(JSON.stringify(audit.after)).not.toContain(row.passwordHash ?? '-')

    const dup = await rejection(createUser(prisma, { email, role: 'admin', password: 'another one', actor }))
    expect(dup.code).toBe('conflict')
  })

  it.each([
    [{ role: 'engineer' }, 'An engineer must belong to a team — pick one.'],
    [{ role: 'team_lead' }, 'A team lead must belong to a team — pick one.'],
    [{ role: 'owner' }, "invalid role 'owner' (allowed: admin, finance, team_lead, engineer)"],
    [{ role: 'admin', password: 'short' }, 'The password must be at least 8 characters.'],
    [{ role: 'admin', email: 'not-an-email' }, '"not-an-email" is not an email address: it should look like name@example.com.'],
  ])('rejects %j: %s', async (overrides, message) => {
    const input = { email: `u-${slug()}@example.com`, password: 'long enough', actor, ...overrides }
    const err = await rejection(createUser(prisma, input))
    expect(err.code).toBe('invalid')
    expect(err.message).toBe(message)
  })

  it('lets admin and finance users exist without a team', async () => {
    const user = await createUser(prisma, { email: `fin-${slug()}@example.com`, role: 'finance', password: 'long enough', actor })
    expect(user.teamId).toBeNull()
  })
})
