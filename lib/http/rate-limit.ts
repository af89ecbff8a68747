import { AppError } from '@/lib/errors'

// A token bucket per API key, in this process. Several web processes each allow the rate: the limit
// protects the database from one runaway client, it is not a billing quota.
type Bucket = { tokens: number; updatedAt: number }
const buckets = new Map<number, Bucket>()

export type RateLimit = { perSecond: number; burst: number }

export function takeRateLimitToken(keyId: number, limit: RateLimit, now = Date.now()): void {
  const b = buckets.get(keyId) ?? { tokens: limit.burst, updatedAt: now }
  b.tokens = Math.min(limit.burst, b.tokens + ((now - b.updatedAt) / 1000) * limit.perSecond)
  b.updatedAt = now
  if (b.tokens < 1) {
    buckets.set(keyId, b)
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - b.tokens) / limit.perSecond))
    throw new AppError('rate_limited', `rate limit of ${limit.perSecond} requests/s for this API key exceeded`, { retryAfterSeconds })
  }
  b.tokens -= 1
  buckets.set(keyId, b)
  if (buckets.size > 50_000) buckets.clear()
}
