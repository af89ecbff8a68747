import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Queue, Worker, type Job } from 'bullmq'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createAlerts } from '@/lib/alerts/create-alerts'
import { deliverAlert } from '@/lib/alerts/deliver-alert'
import { alertJobId } from '@/lib/alerts/enqueue-alert-delivery'
import { pool, prisma } from '@/lib/db'
import { queueNames, redisConnection } from '@/lib/queues'
import { rotateWebhookSecret } from '@/lib/webhooks/webhook-secrets'
import { processAlerts } from '@/workers/alerts'
import { Webhook } from 'standardwebhooks'
import { createTestTeam } from './fixtures'
import { uniqueQueuePrefix } from './worker-process'

// The receiver runs on 127.0.0.1, which the SSRF guard refuses unless allow-listed.
const previousAllowList = process.env.WEBHOOK_ALLOWED_HOSTS
const actor = { id: null, name: 'alerts-test' }

type Received = { method: string; url: string; headers: IncomingHttpHeaders; body: string }

// A real HTTP receiver on a random local port; each request takes the next scripted answer (200 when none).
let server: Server
let base: string
const received: Received[] = []
let script: (number | 'hang')[] = []

function job(alertId: number): Job {
  return { data: { alertId } } as unknown as Job
}

async function alertFor(webhookUrl: string | null, opts: { withSecret?: boolean } = {}) {
  const { team } = await createTestTeam()
  await prisma.teamPolicy.create({ data: { teamId: team.id, version: 1, monthlyBudget: '10', webhookUrl } })
  const secret = opts.withSecret === false ? '' : (await rotateWebhookSecret(prisma, { teamId: team.id, actor })).secret
  const [alert] = await createAlerts(pool, [
    { teamId: team.id, kind: 'budget_threshold', dedupeKey: `budget:${team.id}:2025-08:80`, message: 'past 80 %', data: { threshold: 80, spent_usd: '8.5' } },
  ])
  return { team, alert: alert!, secret }
}

/** What a receiver built on the standardwebhooks package does; throws when the signature does not verify. */
function verifyAsReceiver(secret: string, req: Received): unknown {
  return new Webhook(secret).verify(req.body, req.headers as Record<string, string>)
}

async function stored(id: number) {
  return prisma.alert.findUniqueOrThrow({ where: { id } })
}

beforeAll(async () => {
  process.env.WEBHOOK_ALLOWED_HOSTS = '127.0.0.1'
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      const answer = script.shift() ?? 200
      if (answer === 'hang') return
      if (answer >= 300 && answer < 400) res.setHeader('location', 'http://127.0.0.1:1/elsewhere')
      res.statusCode = answer
      res.end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

beforeEach(() => {
  received.length = 0
  script = []
})

afterAll(async () => {
  if (previousAllowList === undefined) delete process.env.WEBHOOK_ALLOWED_HOSTS
  else process.env.WEBHOOK_ALLOWED_HOSTS = previousAllowList
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('alert webhooks', () => {
  it('POSTs the alert, signed over the raw body, and records the delivery once', async () => {
    const { team, alert, secret } = await alertFor(`${base}/hook/T0-secret-path`)
    const other = await alertFor(`${base}/other`)
    const before = Math.floor(Date.now() / 1000)
    expect(await processAlerts(job(alert.id))).toEqual({ status: 'delivered', httpStatus: 200 })

    expect(received).toHaveLength(1)
    const req = received[0]!
    expect(req).toMatchObject({ method: 'POST', url: '/hook/T0-secret-path' })
    expect(req.headers['content-type']).toBe('application/json')
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    expect(req.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/)
    expect(req.headers['webhook-id']).toBe(`alert_${alert.id}`)
    // A receiver holding this team's secret verifies; one holding another team's secret cannot.
    expect(verifyAsReceiver(secret, req)).toMatchObject({ id: alert.id })
    expect(() => verifyAsReceiver(other.secret, req)).toThrow(/No matching signature/)
    expect(() => verifyAsReceiver(process.env.AUTH_SECRET ? `whsec_${Buffer.from(process.env.AUTH_SECRET).toString('base64')}` : other.secret, req)).toThrow()
    const ts = Number(req.headers['webhook-timestamp'])
    expect(ts).toBeGreaterThanOrEqual(before)
    expect(ts).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000))
    const body = JSON.parse(req.body)
    expect(body).toMatchObject({
      id: alert.id,
      kind: 'budget_threshold',
      team: team.slug,
      message: 'past 80 %',
      data: { threshold: 80, spent_usd: '8.5' },
      dedupe_key: alert.dedupeKey,
    })
    expect(Math.floor(new Date(body.sent_at).getTime() / 1000)).toBe(ts)

    const row = await stored(alert.id)
    expect(row.deliveredAt).not.toBeNull()
    expect(row.attempts).toBe(1)
    // A duplicate job for a delivered alert sends nothing.
    expect(await processAlerts(job(alert.id))).toEqual({ status: 'already_delivered' })
    expect(received).toHaveLength(1)
    expect((await stored(alert.id)).attempts).toBe(1)
  })

  it('a failing receiver makes the job throw (so it is retried); the retry delivers', async () => {
    const { alert, secret } = await alertFor(`${base}/hook`)
    script = [500]
    await expect(processAlerts(job(alert.id))).rejects.toThrow(/answered HTTP 500/)
    expect(await stored(alert.id)).toMatchObject({ attempts: 1, deliveredAt: null })

    expect(await processAlerts(job(alert.id))).toMatchObject({ status: 'delivered' })
    expect(received).toHaveLength(2)
    for (const r of received) expect(verifyAsReceiver(secret, r)).toMatchObject({ id: alert.id })
    // The same message id on the retry: receivers dedupe on it.
    expect(received[1]!.headers['webhook-id']).toBe(received[0]!.headers['webhook-id'])
    const row = await stored(alert.id)
    expect(row.attempts).toBe(2)
    expect(row.deliveredAt).not.toBeNull()
  })

  it('redirects, timeouts and unreachable hosts fail the attempt without leaking the URL path', async () => {
    const redirected = await alertFor(`${base}/hook/xoxb-secret`)
    script = [302]
    const err = await processAlerts(job(redirected.alert.id)).catch((e: Error) => e)
    expect(err).toBeInstanceOf(Error)
    expect((err as Error).message).toMatch(/answered HTTP 302/)
    expect((err as Error).message).not.toContain('xoxb-secret')

    const slow = await alertFor(`${base}/slow`)
    script = ['hang']
    await expect(deliverAlert(pool, slow.alert.id, { timeoutMs: 200 })).rejects.toThrow(/timed out/)

    const closed = await alertFor('http://127.0.0.1:1/hook')
    await expect(processAlerts(job(closed.alert.id))).rejects.toThrow(/127\.0\.0\.1:1 refused the connection: nothing listens there \(ECONNREFUSED\)/)
    for (const a of [redirected.alert, slow.alert, closed.alert]) expect(await stored(a.id)).toMatchObject({ attempts: 1, deliveredAt: null })
  })

  it('a rotation signs with both secrets during the overlap, then with the new one only', async () => {
    const { team, alert, secret: oldSecret } = await alertFor(`${base}/rotate`)
    const rotatedAt = new Date()
    const { secret: newSecret, previousValidUntil } = await rotateWebhookSecret(prisma, { teamId: team.id, actor, overlapHours: 2, now: rotatedAt })
    expect(previousValidUntil).toEqual(new Date(rotatedAt.getTime() + 2 * 3_600_000))
    await deliverAlert(pool, alert.id, { now: rotatedAt })
    const during = received[0]!
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2)
    const verifyAt = (secret: string, r: Received, at: Date) => {
      const headers = { ...(r.headers as Record<string, string>), 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)) }
      return new Webhook(secret).verify(r.body, headers)
    }
    // Timestamps are checked against the receiver's clock; rotatedAt is "now" for both.
    expect(verifyAt(oldSecret, during, rotatedAt)).toMatchObject({ id: alert.id })
    expect(verifyAt(newSecret, during, rotatedAt)).toMatchObject({ id: alert.id })

    const later = await alertFor(`${base}/rotate-later`)
    const afterOverlap = new Date(Date.now() + 3 * 3_600_000)
    await rotateWebhookSecret(prisma, { teamId: later.team.id, actor, overlapHours: 2 })
    await deliverAlert(pool, later.alert.id, { now: afterOverlap })
    expect(String(received[1]!.headers['webhook-signature']).split(' ')).toHaveLength(1)
  })

  it('a team without a signing secret gets nothing, and no attempt is counted', async () => {
    const { alert } = await alertFor(`${base}/hook`, { withSecret: false })
    expect(await processAlerts(job(alert.id))).toEqual({ status: 'no_secret' })
    expect(received).toHaveLength(0)
    expect((await stored(alert.id)).attempts).toBe(0)
  })

  it('without a webhook nothing is sent and no attempt is counted', async () => {
    const { alert } = await alertFor(null)
    expect(await processAlerts(job(alert.id))).toEqual({ status: 'no_webhook' })
    expect(received).toHaveLength(0)
    expect((await stored(alert.id)).attempts).toBe(0)
    expect(await processAlerts(job(2_000_000_000))).toEqual({ status: 'not_found' })
  })

  it('on the real queue, BullMQ retries a failed delivery with backoff until it lands', async () => {
    const { alert } = await alertFor(`${base}/hook`)
    script = [503, 500]
    const prefix = uniqueQueuePrefix()
    const queue = new Queue(queueNames.alerts, { connection: redisConnection(), prefix })
    const worker = new Worker(queueNames.alerts, processAlerts, { connection: redisConnection(), prefix })
    try {
      const done = new Promise<void>((resolve, reject) => {
        worker.on('completed', () => resolve())
        worker.on('failed', (j) => {
          if (j && j.attemptsMade >= 5) reject(new Error('gave up'))
        })
      })
      await queue.add('deliver', { alertId: alert.id }, { jobId: alertJobId(alert.id), attempts: 5, backoff: { type: 'fixed', delay: 50 } })
      await done
      expect(received).toHaveLength(3)
      expect(await stored(alert.id)).toMatchObject({ attempts: 3 })
      expect((await stored(alert.id)).deliveredAt).not.toBeNull()
    } finally {
      await worker.close()
      await queue.obliterate({ force: true }).catch(() => undefined)
      await queue.close()
    }
  })
})
