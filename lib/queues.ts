import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq'
import { z } from 'zod'
import { env } from './env'
import { forget, remember } from '@/lib/remember'

// The queue contract: names and payload schemas shared by producers (web, CLI) and workers/.
// Payloads carry ids only; the database holds the truth.

export const queueNames = {
  rollup: 'rollup',
  maintenance: 'maintenance',
  reprice: 'reprice',
  alerts: 'alerts',
} as const

export type QueueName = (typeof queueNames)[keyof typeof queueNames]

export const rollupPayload = z.object({ batchId: z.string().regex(/^\d+$/) })
export type RollupPayload = z.infer<typeof rollupPayload>

export const maintenancePayload = z.object({
  task: z.enum(['sweep', 'reconcile', 'budgets', 'price-unpriced', 'partitions']),
  from: z.string().datetime().optional(),
  to: z.string().datetime().optional(),
})
export type MaintenancePayload = z.infer<typeof maintenancePayload>

export const repricePayload = z.object({ runId: z.number().int().positive() })
export type RepricePayload = z.infer<typeof repricePayload>

export const alertsPayload = z.object({ alertId: z.number().int().positive() })
export type AlertsPayload = z.infer<typeof alertsPayload>

// Bounded retries with exponential backoff; completed jobs are dropped so ids can be reused after a rebuild.
export const defaultJobOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
}

export function redisConnection(opts: { failFast?: boolean } = {}): ConnectionOptions {
  const u = new URL(env.REDIS_URL)
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    // Producers on the request path give up quickly when Redis is down (enqueueRollup also races a
    // timeout): the batch is already committed and the sweeper applies it. Workers wait and retry forever.
    // The offline queue stays on: BullMQ's own start-up commands need it.
    ...(opts.failFast
      ? { maxRetriesPerRequest: 1, connectTimeout: 1000, retryStrategy: (times: number) => Math.min(times * 200, 2000) }
      : { maxRetriesPerRequest: null }),
  }
}

const producerQueues = () => remember('queues.producers', () => new Map<QueueName, Queue>())

export function producerQueue(name: QueueName): Queue {
  let q = producerQueues().get(name)
  if (!q) {
    const fresh = new Queue(name, { connection: redisConnection({ failFast: true }), prefix: env.QUEUE_PREFIX, defaultJobOptions, skipWaitingForReady: true })
    fresh.on('error', () => undefined) // connection errors surface as rejected add() calls
    // BullMQ sets a queue's connection up once: when that first attempt fails (Redis down, or slower than
    // the fail-fast limits on a busy machine) the queue stays failed for good and every add() is rejected.
    // Forget it, so the next call builds a fresh one; else every rollup of this process waits for the
    // sweeper (docs/reliability.md, the web-start-without-redis drill).
    fresh.waitUntilReady().catch(() => {
      if (producerQueues().get(name) === fresh) producerQueues().delete(name)
      void fresh.close().catch(() => undefined)
    })
    producerQueues().set(name, fresh)
    q = fresh
  }
  return q
}

export async function closeProducerQueues(): Promise<void> {
  const queues = producerQueues()
  forget('queues.producers')
  await Promise.all([...queues.values()].map((q) => q.close().catch(() => undefined)))
}

/** BullMQ ids may not contain ':'; deterministic ids make a duplicate enqueue a no-op. */
export function rollupJobId(batchId: string | bigint): string {
  return `rollup-${batchId}`
}

/**
 * Runs `command` on a producer queue once its connection is up; `fallback` when Redis is unavailable.
 * Never throws and never waits longer than timeoutMs: callers keep the durable record in PostgreSQL.
 */
export function onProducerQueue<T>(name: QueueName, command: (queue: Queue) => Promise<T>, fallback: T, timeoutMs: number): Promise<T> {
  const queue = producerQueue(name)
  // A fail-fast connection rejects commands until it is connected; wait for it (bounded by the race below).
  const run = queue
    .waitUntilReady()
    .then(() => command(queue))
    .catch(() => fallback)
  const timeout = new Promise<T>((resolve) => setTimeout(() => resolve(fallback), timeoutMs).unref())
  return Promise.race([run, timeout])
}

/** Adds a job under a deterministic id (a repeated add is a no-op); false when Redis is unavailable. */
export function tryEnqueue(name: QueueName, job: string, payload: object, jobId: string, timeoutMs: number): Promise<boolean> {
  return onProducerQueue(name, (q) => q.add(job, payload, { jobId }).then(() => true), false, timeoutMs)
}

/**
 * Enqueue a batch's rollup; resolves false (never throws, never waits long) when Redis is unavailable,
 * because the batch row in Postgres is the durable record and the sweeper re-enqueues it.
 */
export async function enqueueRollup(batchId: string | bigint, timeoutMs = 500): Promise<boolean> {
  return tryEnqueue(queueNames.rollup, 'apply', { batchId: String(batchId) } satisfies RollupPayload, rollupJobId(batchId), timeoutMs)
}
