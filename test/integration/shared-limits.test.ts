import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import { clearSignInFailures, MAX_FAILURES, takeSignInAttempt } from '@/lib/auth/sign-in-throttle'
import { takeRateLimitToken } from '@/lib/http/rate-limit'
import { createLimitsRedis } from '@/lib/limits/limits-redis'

// Two Redis connections stand for two web processes: the count must be one. A connection to a port
// where nothing listens stands for Redis being down.
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const processA = createLimitsRedis(url)
const processB = createLimitsRedis(url)
const down = createLimitsRedis('redis://127.0.0.1:1')
const clients: Redis[] = [processA, processB, down]

afterAll(async () => {
  for (const c of clients) c.disconnect()
})

async function ready(c: Redis) {
  if (c.status !== 'ready') await new Promise((resolve) => c.once('ready', resolve))
}

describe('API-key rate limit in Redis', () => {
  it('two processes share one allowance: the burst is spent across both, then both refuse with 429', async () => {
    await Promise.all([ready(processA), ready(processB)])
    const prefix = `test-rl-${randomUUID()}`
    const limit = { perSecond: 1, burst: 20 } // a 20-second window: no refill during the test
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => takeRateLimitToken(7, limit, { client: i % 2 ? processA : processB, prefix })),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20)
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(refused).toHaveLength(10)
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'rate_limited', retryAfterSeconds: expect.any(Number) })
    // Another key has its own allowance.
    await expect(takeRateLimitToken(8, limit, { client: processA, prefix })).resolves.toBeUndefined()
  })

  it('when Redis is down, ingest is let through (fail open) with a warning, not one per request', async () => {
    const warnings: string[] = []
    const log = { warn: (_obj: unknown, msg?: string) => void warnings.push(String(msg)) } as never
    const deps = { client: down, prefix: 'test-rl-down', log, now: () => 1e15 }
    await expect(takeRateLimitToken(9, { perSecond: 1, burst: 1 }, deps)).resolves.toBeUndefined()
    await expect(takeRateLimitToken(9, { perSecond: 1, burst: 1 }, deps)).resolves.toBeUndefined()
    expect(warnings).toEqual(['rate limit not checked (Redis unavailable): request allowed'])
  })
})

describe('sign-in throttle in Redis', () => {
  it('attempts for one email are counted across processes, atomically, and a success gives them back', async () => {
    await Promise.all([ready(processA), ready(processB)])
    const prefix = `test-signin-${randomUUID()}`
    const email = 'Victim@Example.com'
    const tries = await Promise.all(Array.from({ length: MAX_FAILURES + 5 }, (_, i) => takeSignInAttempt(i % 2 ? email : email.toLowerCase(), { client: i % 2 ? processA : processB, prefix })))
    expect(tries.filter(Boolean)).toHaveLength(MAX_FAILURES)
    expect(await takeSignInAttempt('other@example.com', { client: processA, prefix })).toBe(true)
    await clearSignInFailures(email, { client: processB, prefix })
    expect(await takeSignInAttempt(email, { client: processA, prefix })).toBe(true)
  })

  it('when Redis is down, sign-in is refused (fail closed)', async () => {
    expect(await takeSignInAttempt('anyone@example.com', { client: down, prefix: 'test-signin-down' })).toBe(false)
  })
})
