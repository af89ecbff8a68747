import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { closeServer } from './fake-provider'

// The SDK's own tests need answers the real ledger gives only under duress (429, 503, a lost answer,
// 413), on cue. This stand-in keeps the usage API's contract: idempotent on event id, per-event
// results. The SDK against the real app is tested in test/integration/sdk-capture.test.ts.

export type Answer = 'store' | 'store-then-hang-up' | { status: number; retryAfter?: string }

export type StandIn = {
  url: string
  /** Answers for the next requests, in order; 'store' once they run out. */
  script: Answer[]
  stored: Map<string, Record<string, unknown>>
  requests: { at: number; size: number; userAgent: string | undefined }[]
  close(): Promise<void>
}

export async function startLedgerStandIn(): Promise<StandIn> {
  const stored = new Map<string, Record<string, unknown>>()
  const state: StandIn = { url: '', script: [], stored, requests: [], close: async () => undefined }
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const events = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: Record<string, unknown>[] }).events
    state.requests.push({ at: Date.now(), size: events.length, userAgent: req.headers['user-agent'] })
    const answer = state.script.shift() ?? 'store'
    if (typeof answer === 'object') {
      res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.retryAfter ? { 'retry-after': answer.retryAfter } : {}) })
      return res.end(JSON.stringify({ error: { code: 'x', message: `scripted ${answer.status}` } }))
    }
    const results = events.map((e) => {
      const id = String(e.id)
      if (typeof e.model !== 'string' || e.model === 'rejected-model') return { id, status: 'rejected', error: 'model: unknown' }
      if (stored.has(id)) return { id, status: 'duplicate' }
      stored.set(id, e)
      return { id, status: 'accepted' }
    })
    if (answer === 'store-then-hang-up') return req.socket.destroy() // stored, but the answer is lost
    const rejected = results.filter((r) => r.status === 'rejected').length
    res.writeHead(rejected ? 207 : 200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ accepted: 0, duplicates: 0, rejected, results }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  state.close = () => closeServer(server)
  return state
}
