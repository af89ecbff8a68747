import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import type { Redis } from 'ioredis'
import { limitKeyPrefix, limitsRedis, whenLimitsRedisReady } from '@/lib/limits/limits-redis'
import { logger } from '@/lib/logger'

// Password guessing: each sign-in attempt for an email takes one of MAX_FAILURES tries, atomically in
// Redis (a Lua increment), before the password is checked, so parallel guesses and several web
// processes share one count. A successful sign-in gives them back; failures stay counted until the
// window (from the first of them) ends. When Redis cannot answer, sign-in is refused (fail closed):
// an unthrottled password form is worse than a short outage of password sign-in.
export const MAX_FAILURES = 10
export const WINDOW_MS = 15 * 60_000

let limiter: { client: Redis; prefix: string; rl: RateLimiterRedis } | undefined

function throttle(deps: { client?: Redis; prefix?: string }): RateLimiterRedis {
  const client = deps.client ?? limitsRedis()
  const prefix = deps.prefix ?? limitKeyPrefix('sign-in')
  if (limiter?.client !== client || limiter.prefix !== prefix)
    limiter = { client, prefix, rl: new RateLimiterRedis({ storeClient: client, keyPrefix: prefix, points: MAX_FAILURES, duration: WINDOW_MS / 1000, rejectIfRedisNotReady: true }) }
  return limiter.rl
}

const keyOf = (email: string) => email.trim().toLowerCase()

/** Counts an attempt; false when the email has no tries left in the window, or Redis cannot say. */
export async function takeSignInAttempt(email: string, deps: { client?: Redis; prefix?: string } = {}): Promise<boolean> {
  try {
    await whenLimitsRedisReady(deps.client ?? limitsRedis())
    await throttle(deps).consume(keyOf(email))
    return true
  } catch (res) {
    if (res instanceof RateLimiterRes) return false
    logger.error({ err: (res as Error).message }, 'sign-in refused: the throttle cannot reach Redis')
    return false
  }
}

/** After a successful sign-in; best effort (a stale count only expires later). */
export async function clearSignInFailures(email: string, deps: { client?: Redis; prefix?: string } = {}): Promise<void> {
  await throttle(deps).delete(keyOf(email)).catch(() => undefined)
}
