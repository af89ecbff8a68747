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

/**
 * Waits (briefly) for the connection to be ready: right after start-up, or while it reconnects, a
 * command would otherwise fail at once and a fresh process would refuse its first sign-ins. Resolves
 * either way; the command that follows then answers or fails fast.
 */
export async function whenLimitsRedisReady(client: Redis, timeoutMs = 1_000): Promise<void> {
  if (client.status === 'ready') return
  if (client.status === 'wait') void client.connect().catch(() => undefined)
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer)
      client.off('ready', done)
      resolve()
    }
    const timer = setTimeout(done, timeoutMs)
    client.once('ready', done)
  })
}
