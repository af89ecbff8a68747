import { Redis } from 'ioredis'
import { env } from '@/lib/env'

// One Redis connection per process for the shared limits (API-key rate, sign-in throttle). It fails
// fast instead of queueing: a limit check must answer now, and each caller decides what an unanswered
// check means (sign-in: refuse; ingest: allow and log).

const globalForLimits = globalThis as unknown as { limitsRedis?: Redis }

export function createLimitsRedis(url: string): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  })
  client.on('error', () => undefined) // surfaces as rejected limit checks, handled by their callers
  return client
}

export function limitsRedis(): Redis {
  globalForLimits.limitsRedis ??= createLimitsRedis(env.REDIS_URL)
  return globalForLimits.limitsRedis
}

/** Keys live under the install's prefix, so installs (and test runs) sharing one Redis stay apart. */
export function limitKeyPrefix(name: string): string {
  return `${env.QUEUE_PREFIX}:limit:${name}`
}

const firstConnection = new WeakMap<Redis, Promise<void>>()

/**
 * Waits once per connection, at most timeoutMs, for it to come up: right after start-up a command would
 * otherwise fail at once and a fresh process would refuse its first sign-ins. Later calls (Redis gone
 * after that, or never reached) do not wait again, so an outage costs no latency per request; the
 * command that follows answers or fails fast.
 */
export function whenLimitsRedisReady(client: Redis, timeoutMs = 1_000): Promise<void> {
  if (client.status === 'ready') return Promise.resolve()
  let first = firstConnection.get(client)
  if (!first) {
    if (client.status === 'wait') void client.connect().catch(() => undefined)
    first = new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        client.off('ready', done)
        resolve()
      }
      const timer = setTimeout(done, timeoutMs)
      client.once('ready', done)
    })
    firstConnection.set(client, first)
  }
  return first
}
