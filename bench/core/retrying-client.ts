import http from 'node:http'
import { performance } from 'node:perf_hooks'
import { makeEvents } from './events'
import { postUsage } from './post-usage'
import { percentile } from './stats'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)))

// The drills' load (scripts/drills), run inside the drills' process: a client that behaves as a careful
// service should. Every batch has fixed event ids, and a batch is re-sent (same ids, same body) until
// the API answers 2xx — after a 503 or 429 when Retry-After says, after a network error or timeout a
// moment later. "Accepted" is what a 2xx said per event
// ('accepted' or 'duplicate'): those ids must all be stored, and nothing else may be.

export type LoadOptions = {
  /** Base URLs of the web processes; batches go round-robin over them. */
  urls: string[]
  apiKey: string
  /** Event ids are `<tag>-<seq>-<index>`. */
  tag: string
  batchSize: number
  /** Paced: new batches per second. Closed: ignored. */
  ratePerSec: number
  /** closed = `connections` loops that each send the next batch as soon as the last one is answered. */
  mode?: 'paced' | 'closed'
  connections?: number
  /** Upper bound on batches being sent or retried at once (paced mode). */
  maxInFlight?: number
  requestTimeoutMs?: number
  /** Longest wait a Retry-After may impose (keeps a drill short; the server asks for 5 s). */
  maxRetryAfterMs?: number
}

export type Attempt = { at: number; status: string; latencyMs: number; retryAfter: boolean; url: string }

export type LoadSummary = {
  batchesSent: number
  eventsSent: number
  eventsAccepted: number
  eventsRejected: number
  batchesAbandoned: number
  attempts: number
  statuses: Record<string, number>
  perUrl: Record<string, number>
  /** 503 answers without a Retry-After header. */
  unavailableWithoutRetryAfter: number
  durationSec: number
  /** Acknowledged events per second over the sending window. */
  eventsPerSec: number
  latencyMs: { p50: number; p99: number; max: number }
  rejectedSamples: string[]
}

type Batch = { seq: number; ids: string[]; body: Buffer }

export class LoadGenerator {
  readonly accepted = new Set<string>()
  readonly attempts: Attempt[] = []
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 })
  private seq = 0
  private running = false
  private loop: Promise<void> | undefined
  private readonly inFlight = new Set<Promise<void>>()
  private startedAt = 0
  private stoppedAt = 0
  private eventsSent = 0
  private rejected = 0
  private abandoned = 0
  private abandonAt = Infinity
  private readonly rejectedSamples: string[] = []
  private readonly t0 = performance.now()
  private absorbedBatches = 0
  private wake: () => void = () => undefined
  private readonly stopping = new Promise<void>((resolve) => (this.wake = resolve))

  constructor(readonly o: LoadOptions) {}

  /** ms since the generator was created: the drills' timeline. */
  now(): number {
    return performance.now() - this.t0
  }

  start(): void {
    this.running = true
    this.startedAt = this.now()
    const mode = this.o.mode ?? 'paced'
    if (mode === 'paced') this.loop = this.paced()
    else this.loop = Promise.all(Array.from({ length: this.o.connections ?? 8 }, () => this.closed())).then(() => undefined)
  }

  /** Stops making new batches and waits until every batch made so far has its 2xx (or the deadline). */
  async stop(drainTimeoutMs = 120_000): Promise<LoadSummary> {
    this.running = false
    this.stoppedAt = this.now()
    this.abandonAt = this.now() + drainTimeoutMs
    this.wake()
    await this.loop
    while (this.inFlight.size > 0) await Promise.race([...this.inFlight])
    this.agent.destroy()
    return this.summary()
  }

  private async paced(): Promise<void> {
    const interval = 1000 / this.o.ratePerSec
    const max = this.o.maxInFlight ?? 500
    const begin = this.now()
    for (let n = 0; this.running; n++) {
      const due = begin + n * interval
      const wait = due - this.now()
      if (wait > 0) await sleep(wait)
      if (!this.running) break
      while (this.inFlight.size >= max && this.running) await Promise.race([...this.inFlight, this.stopping])
      const p = this.deliver(this.makeBatch()).finally(() => this.inFlight.delete(p))
      this.inFlight.add(p)
    }
  }

  private async closed(): Promise<void> {
    while (this.running) {
      const p = this.deliver(this.makeBatch()).finally(() => this.inFlight.delete(p))
      this.inFlight.add(p)
      await p
    }
  }

  private makeBatch(): Batch {
    const seq = this.seq++
    const ids: string[] = []
    const events = makeEvents(this.o.batchSize, {
      seed: seq + 1,
      now: Date.now(),
      id: (i) => {
        const id = `${this.o.tag}-${seq}-${i}`
        ids.push(id)
        return id
      },
    })
    this.eventsSent += ids.length
    return { seq, ids, body: Buffer.from(JSON.stringify({ events })) }
  }

  private async deliver(b: Batch): Promise<void> {
    const url = this.o.urls[b.seq % this.o.urls.length]!
    let networkBackoff = 250
    for (;;) {
      const sentAt = this.now()
      const res = await postUsage(this.agent, new URL('/api/v1/usage', url), this.o.apiKey, b.body, this.o.requestTimeoutMs)
      const latencyMs = this.now() - sentAt
      this.attempts.push({ at: sentAt, status: res.status, latencyMs, retryAfter: res.retryAfter !== null, url })
      const code = Number(res.status)
      if (code >= 200 && code < 300) {
        this.record(b, res.body)
        return
      }
      if (this.now() > this.abandonAt) {
        this.abandoned++
        return
      }
      if (code === 503 || code === 429) {
        const asked = res.retryAfter !== null ? res.retryAfter * 1000 : 1000
        await sleep(Math.min(asked, this.o.maxRetryAfterMs ?? 2000) * (0.75 + Math.random() * 0.5))
      } else if (code >= 400 && code < 500) {
        // Not retryable: the drill reports it as a difference.
        this.abandoned++
        if (this.rejectedSamples.length < 5) this.rejectedSamples.push(`HTTP ${code}: ${res.body.slice(0, 300)}`)
        return
      } else {
        // 5xx other than 503, network error, timeout: the batch may or may not be stored; the same ids
        // make the retry safe either way.
        await sleep(networkBackoff)
        networkBackoff = Math.min(networkBackoff * 2, 2000)
      }
    }
  }

  private record(b: Batch, body: string): void {
    let parsed: { results?: { id: string; status: string; errors?: unknown }[] }
    try {
      parsed = JSON.parse(body)
    } catch {
      this.rejected += b.ids.length
      if (this.rejectedSamples.length < 5) this.rejectedSamples.push(`2xx with an unreadable body: ${body.slice(0, 200)}`)
      return
    }
    for (const r of parsed.results ?? []) {
      if (r.status === 'accepted' || r.status === 'duplicate') this.accepted.add(r.id)
      else {
        this.rejected++
        if (this.rejectedSamples.length < 5) this.rejectedSamples.push(`${r.id} ${r.status}: ${JSON.stringify(r.errors ?? '').slice(0, 200)}`)
      }
    }
  }

  /** Takes over another generator's results (a measured phase run beside this one, same team). */
  absorb(other: LoadGenerator): void {
    for (const id of other.accepted) this.accepted.add(id)
    this.attempts.push(...other.attempts.map((a) => ({ ...a, at: a.at + (other.t0 - this.t0) })))
    this.eventsSent += other.eventsSent
    this.rejected += other.rejected
    this.abandoned += other.abandoned
    this.rejectedSamples.push(...other.rejectedSamples)
    this.absorbedBatches += other.seq
  }

  summary(): LoadSummary {
    const statuses: Record<string, number> = {}
    const perUrl: Record<string, number> = {}
    let noRetryAfter = 0
    const ok: number[] = []
    for (const a of this.attempts) {
      statuses[a.status] = (statuses[a.status] ?? 0) + 1
      if (a.status.startsWith('2')) {
        perUrl[a.url] = (perUrl[a.url] ?? 0) + 1
        ok.push(a.latencyMs)
      }
      if (a.status === '503' && !a.retryAfter) noRetryAfter++
    }
    const durationSec = ((this.stoppedAt || this.now()) - this.startedAt) / 1000
    return {
      batchesSent: this.seq + this.absorbedBatches,
      eventsSent: this.eventsSent,
      eventsAccepted: this.accepted.size,
      eventsRejected: this.rejected,
      batchesAbandoned: this.abandoned,
      attempts: this.attempts.length,
      statuses,
      perUrl,
      unavailableWithoutRetryAfter: noRetryAfter,
      durationSec,
      eventsPerSec: durationSec > 0 ? this.accepted.size / durationSec : 0,
      latencyMs: { p50: percentile(ok, 50), p99: percentile(ok, 99), max: ok.length ? Math.max(...ok) : NaN },
      rejectedSamples: this.rejectedSamples,
    }
  }
}
