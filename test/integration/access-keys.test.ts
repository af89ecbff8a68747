import { randomBytes } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'

// A tiny rate limit for this file only (lib/env reads it once, and each test file has its own modules).
const compared = vi.hoisted(() => {
  process.env.AUTH_SECRET ??= 'access-tests-only-secret-0123456789'
  process.env.RATE_LIMIT_PER_KEY_PER_SECOND = '0.01'
  process.env.RATE_LIMIT_BURST = '3'
  return { calls: [] as [Buffer, Buffer][] }
})
vi.mock('next/headers', () => import('@/test/access/next-request-scope'))
vi.mock('next/cache', () => import('@/test/access/next-request-scope'))
// Records every constant-time comparison lib/auth makes (the real one still decides).
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>()
  const timingSafeEqual = (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
    compared.calls.push([Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)])
    return real.timingSafeEqual(a, b)
  }
  return { ...real, default: { ...real, timingSafeEqual }, timingSafeEqual }
})

import { createApiKey, hashApiKey } from '@/lib/auth/api-keys'
import { clearApiKeyCache, verifyApiKey } from '@/lib/auth/verify-api-key'
import { prisma } from '@/lib/db'
import { callRoute } from '@/test/access/call-route'
import { headersFor, type World } from '@/test/access/world'
import { setUpAccessWorld } from '@/test/access/set-up-world'

// API keys: stored as a SHA-256 hash with only the prefix in clear, compared in constant time, and
// rate-limited per key with 429 + Retry-After. (Revocation taking effect within the cache TTL is
// test/integration/api-keys.test.ts "reuses a lookup for the cache TTL…", and over HTTP
// e2e/settings.spec.ts and e2e/teams.spec.ts.)

let world: World
setUpAccessWorld((w) => (world = w))

const spend = (key: string) => callRoute('app/api/v1/spend/route.ts', 'GET', '/api/v1/spend', { headers: { authorization: `Bearer ${key}` } })

describe('stored as hashes, shown by prefix only', () => {
  it('no column of any key row holds the secret; the hash is the SHA-256 of the whole key', async () => {
    const { key, record } = await createApiKey(prisma, { teamId: world.own.id, name: `acc-${randomBytes(4).toString('hex')}`, actor: { name: 'test' } })
    const [row] = await prisma.$queryRaw<Record<string, unknown>[]>`SELECT * FROM api_keys WHERE id = ${record.id}`
    const secret = key.slice(key.lastIndexOf('_') + 1)
    expect(JSON.stringify(row)).not.toContain(secret)
    expect(row?.hash).toBe(hashApiKey(key))
    expect(row?.prefix).toBe(key.slice(0, 11))
  })

  it("the team page's key table (CSV) and the org key table show prefixes, never hashes or secrets", async () => {
    const rows = await prisma.apiKey.findMany({ where: { teamId: world.own.id } })
    const csv = await (await callRoute('app/(app)/teams/[slug]/export/route.ts', 'GET', `/teams/${world.own.slug}/export?table=keys`, { headers: await headersFor(world, 'team_lead'), params: { slug: world.own.slug } })).text()
    for (const r of rows) {
      expect(csv).toContain(r.prefix)
      expect(csv).not.toContain(r.hash)
    }
    for (const k of Object.values(world.keys.own)) expect(csv).not.toContain(k.slice(12))
    const org = await (await callRoute('app/(app)/settings/export/[table]/route.ts', 'GET', '/settings/export/api-keys', { headers: await headersFor(world, 'admin'), params: { table: 'api-keys' } })).text()
    expect(org).not.toContain(world.keys.org.slice(12))
    expect(org).toContain(world.keys.org.slice(0, 11))
  })
})

describe('constant-time comparison', () => {
  it('a key is accepted only through timingSafeEqual of its SHA-256 with the stored one', async () => {
    clearApiKeyCache()
    compared.calls.length = 0
    const key = world.keys.own.spendOnly
    expect((await verifyApiKey(key, { cacheTtlMs: 0 })).ok).toBe(true)
    const stored = (await prisma.apiKey.findFirstOrThrow({ where: { prefix: key.slice(0, 11) } })).hash
    expect(compared.calls.map(([a, b]) => [a.toString('hex'), b.toString('hex')])).toEqual([[stored, hashApiKey(key)]])
  })

  it('a real prefix with a wrong secret is compared the same way and refused', async () => {
    compared.calls.length = 0
    const forged = `${world.keys.own.spendOnly.slice(0, 12)}${randomBytes(32).toString('base64url')}`
    expect(await verifyApiKey(forged, { cacheTtlMs: 0 })).toEqual({ ok: false, reason: 'unknown' })
    expect(compared.calls).toHaveLength(1)
    expect(compared.calls[0]![0]).toHaveLength(32)
    expect(compared.calls[0]![1]).toHaveLength(32)
  })
})

describe('rate limit per key (burst 3, then one request per 100 s here)', () => {
  it('answers 429 with Retry-After and no data once a key is over its rate; another key of the same team is unaffected', async () => {
    const statuses: number[] = []
    let limited: Response | undefined
    for (let i = 0; i < 4; i++) {
      const res = await spend(world.keys.own.usageAndSpend)
      statuses.push(res.status)
      if (res.status === 429) limited = res
      else await res.text()
    }
    expect(statuses).toEqual([200, 200, 200, 429])
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(await limited!.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/rate limit/) } })

    // Per key: the team's other key still has its burst.
    expect((await spend(world.keys.own.spendOnly)).status).toBe(200)
    // The same bucket guards every endpoint the key can call.
    const usage = await callRoute('app/api/v1/usage/route.ts', 'POST', '/api/v1/usage', {
      headers: { authorization: `Bearer ${world.keys.own.usageAndSpend}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: [{ id: `acc-${randomBytes(4).toString('hex')}`, timestamp: new Date().toISOString(), model: world.model.slug, input_tokens: 1, output_tokens: 1 }] }),
    })
    expect(usage.status).toBe(429)
    expect(usage.headers.get('retry-after')).not.toBeNull()
  })

  it('unknown keys are refused with 401 before any rate accounting (they cannot drain a real key)', async () => {
    for (let i = 0; i < 5; i++) expect((await spend(`ml_zzzzzzzz_${randomBytes(32).toString('base64url')}`)).status).toBe(401)
    expect((await spend(world.keys.other)).status).toBe(200)
  })
})
