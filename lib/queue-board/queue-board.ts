import { createBullBoard } from '@bull-board/api'
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter'
import { HonoAdapter } from '@bull-board/hono'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { producerQueue, queueNames } from '@/lib/queues'
import { remember } from '@/lib/remember'

export const QUEUE_BOARD_PATH = '/admin/queues'

/**
 * bull-board over every ModelLedger queue, as a Hono app mounted at /admin/queues. Built once per
 * process (it holds the producer queues' connections). Access control is the caller's job.
 */
export function queueBoard(): Hono {
  return remember('queueBoard', buildQueueBoard)
}

function buildQueueBoard(): Hono {
  const adapter = new HonoAdapter(serveStatic)
  adapter.setBasePath(QUEUE_BOARD_PATH)
  createBullBoard({
    queues: Object.values(queueNames).map((name) => new BullMQAdapter(producerQueue(name))),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'ModelLedger queues' } },
  })
  const app = new Hono()
  app.route(QUEUE_BOARD_PATH, adapter.registerPlugin())
  return app
}
