import 'dotenv/config'
import { Queue, Worker, type Processor } from 'bullmq'
import { disconnectDb } from '@/lib/db'
import { env } from '@/lib/env'
import { logger } from '@/lib/logger'
import { closeProducerQueues, defaultJobOptions, queueNames, redisConnection, type QueueName } from '@/lib/queues'
import { processAlerts } from './alerts'
import { processMaintenance } from './maintenance'
import { processReprice } from './reprice'
import { processRollup } from './rollup'

// One process, one BullMQ Worker per queue, one processor file per queue. Any number of these
// processes may run at once: every processor's effect is idempotent and keyed in Postgres.

const processors: Partial<Record<QueueName, { run: Processor; concurrency: number }>> = {
  [queueNames.rollup]: { run: processRollup, concurrency: 4 },
  [queueNames.maintenance]: { run: processMaintenance, concurrency: 1 },
  [queueNames.alerts]: { run: processAlerts, concurrency: 4 },
  [queueNames.reprice]: { run: processReprice, concurrency: 1 },
}

async function scheduleRecurringWork(
  q = new Queue(queueNames.maintenance, { connection: redisConnection(), prefix: env.QUEUE_PREFIX, defaultJobOptions }),
): Promise<Queue> {
  await q.upsertJobScheduler('sweep-pending-batches', { every: 15_000 }, { name: 'sweep', data: { task: 'sweep' } })
  await q.upsertJobScheduler('check-budgets', { every: 60_000 }, { name: 'budgets', data: { task: 'budgets' } })
  await q.upsertJobScheduler('price-unpriced-events', { every: 5 * 60_000 }, { name: 'price-unpriced', data: { task: 'price-unpriced' } })
  await q.upsertJobScheduler('reconcile-recent-rollups', { pattern: '17 * * * *', tz: 'UTC' }, { name: 'reconcile', data: { task: 'reconcile' } })
  await q.upsertJobScheduler('usage-event-partitions', { pattern: '41 3 * * *', tz: 'UTC' }, { name: 'partitions', data: { task: 'partitions' } })
  return q
}

async function main(): Promise<void> {
  const workers = Object.entries(processors).map(([name, p]) => {
    const w = new Worker(name, p.run, { connection: redisConnection(), prefix: env.QUEUE_PREFIX, concurrency: p.concurrency })
    w.on('failed', (job, err) => logger.warn({ queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed'))
    w.on('error', (err) => logger.error({ queue: name, err: err.message }, 'worker error'))
    return w
  })
  const scheduler = await scheduleRecurringWork()
  // A Redis that comes back without its data (no persistence, a failover to an empty replica) has lost
  // these schedules, the sweeper's among them, and batches stored while it was away would wait forever
  // (docs/reliability.md, the redis-data-loss drill): put them back whenever the connection is re-made.
  ;(await scheduler.getBackend().client).on('ready', () => {
    scheduleRecurringWork(scheduler).catch((err: Error) => logger.warn({ err: err.message }, 'could not restore the recurring schedules'))
  })
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'worker shutting down: finishing current jobs')
    // close() waits for running jobs to finish; their locks are released, never left to stall.
    await Promise.all(workers.map((w) => w.close()))
    await scheduler.close()
    await closeProducerQueues()
    await disconnectDb()
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
  await Promise.all(workers.map((w) => w.waitUntilReady()))
  logger.info({ queues: Object.keys(processors) }, 'worker ready')
  // Plain line for scripts and Playwright's webServer to wait on, whatever the log level.
  process.stdout.write('worker ready\n')
}

main().catch((err) => {
  logger.fatal({ err }, 'worker failed to start')
  process.exit(1)
})
