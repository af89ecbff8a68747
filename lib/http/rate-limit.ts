import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import type { Redis } from 'ioredis'
import { AppError } from '@/lib/errors'
import { limitKeyPrefix, limitsRedis, whenLimitsRedisReady } from '@/lib/limits/limits-redis'
import { logger } from '@/lib/logger'

// The request rate per API key, counted in Redis so every web process draws on the same allowance.
// A fixed window of `burst` requests per burst/perSecond seconds: the sustained rate is perSecond and a
// client may spend the whole burst at once (at a window edge, up to twice that). The limit protects
// the database from one runaway client; it is not a billing quota, so when Redis cannot answer the
// request goes through (fail open) and a warning is logged.

export type RateLimit = { perSecond: number; burst: number }

const limiters = new WeakMap<Redis, Map<string, RateLimiterRedis>>()
let lastWarnAt = 0

function limiterFor(limit: RateLimit, client: Redis, prefix: string): RateLimiterRedis {
  const id = `${prefix}|${limit.perSecond}|${limit.burst}`
  const forClient = limiters.get(client) ?? new Map<string, RateLimiterRedis>()
  limiters.set(client, forClient)
  let l = forClient.get(id)
  if (!l) {
    const duration = Math.max(1, Math.round(limit.burst / limit.perSecond))
    l = new RateLimiterRedis({ storeClient: client, keyPrefix: prefix, points: limit.burst, duration, rejectIfRedisNotReady: true })
    forClient.set(id, l)
  }
  return l
}

export async function takeRateLimitToken(
  keyId: number,
  limit: RateLimit,
  deps: { client?: Redis; prefix?: string; now?: () => number; log?: Pick<typeof logger, 'warn'> } = {},
): Promise<void> {
  const client = deps.client ?? limitsRedis()
  const limiter = limiterFor(limit, client, deps.prefix ?? limitKeyPrefix('api-key'))
  try {
    await whenLimitsRedisReady(client)
    await limiter.consume(String(keyId))
  } catch (res) {
    if (res instanceof RateLimiterRes) {
      const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000))
      throw new AppError('rate_limited', `rate limit of ${limit.perSecond} requests/s for this API key exceeded`, { retryAfterSeconds })
    }
    // One warning per 10 s per process, not one per request, while Redis is away.
    const now = (deps.now ?? Date.now)()
    if (now - lastWarnAt >= 10_000) {
      lastWarnAt = now
      const log = deps.log ?? logger
      log.warn({ err: (res as Error).message, apiKeyId: keyId }, 'rate limit not checked (Redis unavailable): request allowed')
    }
  }
}
