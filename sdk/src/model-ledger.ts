import { EventQueue } from './event-queue.js'
import { postBatch, type EventOutcome, type Transport } from './post-batch.js'
import { askRoute, type RouteAdvice, type RouteQuestion } from './ask-route.js'
import { parseRetryAfter, retryDelayMs, type RetryPolicy } from './retry-delay.js'
import { toWireEvent, type UsageEvent, type WireEvent } from './usage-event.js'

export type LedgerOptions = {
  /** A team API key with the usage:write scope. */
  apiKey: string
  /** Where ModelLedger is served, e.g. https://ledger.example.com */
  baseUrl: string
  /** Send as soon as this many events wait (default 500, at most 1000 — the API's batch limit). */
  flushAt?: number
  /** Send what waits at least this often (default 1000 ms). */
  flushIntervalMs?: number
  /** Events held while the ledger is unreachable; past it the oldest are dropped, counted (default 10,000). */
  maxBufferedEvents?: number
  retry?: Partial<RetryPolicy>
  /** One POST's time limit (default 10 s). */
  requestTimeoutMs?: number
  /** Where warnings go (default console.warn). Never thrown. */
  onWarning?: (message: string) => void
  fetch?: typeof fetch
}

export type LedgerStats = {
  recorded: number
  accepted: number
  duplicates: number
  /** Refused by the ledger per event (the warning says why). */
  rejected: number
  /** Refused as a whole batch (bad key, missing scope): not retried. */
  failed: number
  /** Dropped because the buffer was full or record() came after shutdown(). */
  dropped: number
  /** Not recorded: invalid before sending (no model, bad timestamp). */
  invalid: number
  retries: number
  /** Still waiting to be sent, the batch in flight included. */
  pending: number
}

type Counts = Omit<LedgerStats, 'pending'>
type Timer = ReturnType<typeof setTimeout> & { ref?: () => void; unref?: () => void }

const MAX_BATCH = 1000
const DROP_WARNING_EVERY_MS = 10_000
const BOUNDED_ATTEMPTS = 3

/**
 * Buffers usage events and posts them in batches. record() only appends to an array; all I/O happens
 * later on timers, off the caller's path, and nothing here throws into the caller. Each event gets its
 * id when recorded, so a batch resent after a lost answer is counted once by the ledger.
 */
export class ModelLedger {
  private readonly transport: Transport
  private readonly routeUrl: string
  private readonly flushAt: number
  private readonly flushIntervalMs: number
  private readonly maxBuffered: number
  private readonly retry: RetryPolicy
  private readonly warn: (message: string) => void
  private readonly counts: Counts = { recorded: 0, accepted: 0, duplicates: 0, rejected: 0, failed: 0, dropped: 0, invalid: 0, retries: 0 }
  private readonly queue = new EventQueue<WireEvent>()
  private inFlight = 0
  private timer: Timer | null = null
  private timerDue = Infinity
  private sleepTimer: Timer | null = null
  private pumping: Promise<void> | null = null
  private draining = 0
  private deadline = Infinity
  private closed = false
  private closedReason = 'recorded after shutdown()'
  private outage = false
  private droppedSinceWarning = 0
  private lastDropWarning = -Infinity

  constructor(opts: LedgerOptions) {
    this.warn = (m) => {
      try {
        ;(opts.onWarning ?? console.warn)(m)
      } catch {
        // a throwing logger must not take the ledger down with it
      }
    }
    const base = String(opts.baseUrl ?? '').replace(/\/+$/, '')
    if (!opts.apiKey || !/^https?:\/\//.test(base)) {
      // Misconfiguration must not crash the service that embeds us: record() becomes a counted no-op.
      this.warn('modelledger: apiKey and an http(s) baseUrl are required; usage will not be recorded')
      this.closed = true
      this.closedReason = 'the ledger is not configured'
    }
    this.transport = { url: `${base}/api/v1/usage`, apiKey: opts.apiKey, timeoutMs: opts.requestTimeoutMs ?? 10_000, fetch: opts.fetch ?? globalThis.fetch.bind(globalThis) }
    this.routeUrl = `${base}/api/v1/route`
    this.flushAt = clamp(opts.flushAt ?? 500, 1, MAX_BATCH)
    this.flushIntervalMs = Math.max(0, opts.flushIntervalMs ?? 1000)
    this.maxBuffered = Math.max(this.flushAt, opts.maxBufferedEvents ?? 10_000)
    this.retry = { baseDelayMs: opts.retry?.baseDelayMs ?? 250, maxDelayMs: opts.retry?.maxDelayMs ?? 30_000 }
  }

  /** Queues one call's usage. Returns at once; never throws. */
  record(event: UsageEvent): void {
    try {
      if (this.closed) {
        this.counts.dropped++
        this.noteDrop(1)
        return
      }
      const wire = toWireEvent(event, new Date(), () => globalThis.crypto.randomUUID())
      if (typeof wire === 'string') {
        this.counts.invalid++
        this.warn(`modelledger: event not recorded: ${wire}`)
        return
      }
      this.counts.recorded++
      this.queue.push(wire)
      const over = this.queue.size + this.inFlight - this.maxBuffered
      if (over > 0) {
        this.queue.dropOldest(over)
        this.counts.dropped += over
        this.noteDrop(over)
      }
      this.arm(this.queue.size >= this.flushAt ? 0 : this.flushIntervalMs)
    } catch (err) {
      this.warn(`modelledger: record failed: ${String(err)}`)
    }
  }

  /**
   * Sends everything recorded so far, retrying through an outage; resolves true when all of it was
   * stored, false when `timeoutMs` (default 30 s) passed first — the events stay queued. For serverless
   * handlers: await it before returning.
   */
  async flush(opts: { timeoutMs?: number } = {}): Promise<boolean> {
    this.draining++
    this.sleepTimer?.ref?.() // a background retry's wait must now keep the process alive
    try {
      const drained = (async () => {
        while ((this.queue.size > 0 || this.pumping) && Date.now() < this.deadline) await this.startPump()
      })()
      await withTimeout(drained, opts.timeoutMs ?? 30_000)
      return this.queue.size === 0 && this.inFlight === 0
    } catch {
      return false
    } finally {
      this.draining--
      if (this.draining === 0) this.sleepTimer?.unref?.()
    }
  }

  /** Flushes, then stops: later record() calls are dropped (counted). Retries stop at the deadline. */
  async shutdown(opts: { timeoutMs?: number } = {}): Promise<LedgerStats> {
    const timeoutMs = opts.timeoutMs ?? 10_000
    this.deadline = Math.min(this.deadline, Date.now() + timeoutMs)
    await this.flush({ timeoutMs })
    this.noteDrop(0, true) // the buffer-full drops not yet reported
    this.closed = true
    this.clearTimer()
    const stats = this.stats()
    if (stats.pending > 0) this.warn(`modelledger: shut down with ${stats.pending} event(s) not delivered`)
    return stats
  }

  /** @internal The wrappers' warnings go where the ledger's do. */
  warning(message: string): void {
    this.warn(message)
  }

  stats(): LedgerStats {
    return { ...this.counts, pending: this.queue.size + this.inFlight }
  }

  /** Pre-flight advice (POST /api/v1/route): which model your team's policy recommends. null when unavailable. */
  async route(question: RouteQuestion, opts: { timeoutMs?: number } = {}): Promise<RouteAdvice | null> {
    try {
      return await askRoute({ ...this.transport, url: this.routeUrl, timeoutMs: opts.timeoutMs ?? 2000 }, question)
    } catch (err) {
      this.warn(`modelledger: route advice unavailable: ${err instanceof Error ? err.message : String(err)}`)
      return null
    }
  }

  private arm(delayMs: number): void {
    if (this.pumping || this.closed) return // the pump re-arms when it ends
    const due = Date.now() + delayMs
    if (this.timer && this.timerDue <= due) return
    this.clearTimer()
    this.timerDue = due
    this.timer = setTimeout(() => {
      this.timer = null
      this.timerDue = Infinity
      void this.startPump()
    }, delayMs) as Timer
    this.timer.unref?.() // never keeps the process alive on its own; shutdown() is the way out
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.timerDue = Infinity
  }

  private startPump(): Promise<void> {
    if (!this.pumping) {
      this.clearTimer()
      this.pumping = this.pump()
        .catch((err: unknown) => this.warn(`modelledger: sending failed: ${String(err)}`))
        .finally(() => {
          this.pumping = null
          if (this.queue.size > 0 && Date.now() < this.deadline) this.arm(this.queue.size >= this.flushAt ? 0 : this.flushIntervalMs)
        })
    }
    return this.pumping
  }

  // One batch at a time: a full batch goes at once; a partial one only on the timer or a flush.
  private async pump(): Promise<void> {
    do {
      const batch = this.queue.take(this.flushAt)
      if (batch.length === 0) return
      this.inFlight = batch.length
      try {
        await this.deliver(batch)
      } finally {
        this.inFlight = 0
      }
    } while (Date.now() < this.deadline && (this.queue.size >= this.flushAt || (this.draining > 0 && this.queue.size > 0)))
  }

  private async deliver(batch: WireEvent[]): Promise<void> {
    let boundedFailures = 0
    for (let attempt = 0; ; attempt++) {
      const out = await postBatch(this.transport, batch)
      if (out.kind === 'stored') return this.settle(out.results, attempt)
      if (out.kind === 'too-large') {
        if (batch.length === 1) return this.refuse(batch, 'one event is larger than the ledger accepts')
        const half = Math.ceil(batch.length / 2)
        await this.deliver(batch.slice(0, half))
        return this.deliver(batch.slice(half))
      }
      if (out.kind === 'refused') return this.refuse(batch, out.reason)
      if (out.bounded && ++boundedFailures >= BOUNDED_ATTEMPTS) return this.refuse(batch, out.reason)
      const delay = retryDelayMs(attempt, parseRetryAfter(out.retryAfter, Date.now()), this.retry, Math.random())
      if (Date.now() + delay >= this.deadline) {
        this.queue.putBack(batch) // kept, and reported by shutdown() as not delivered
        return
      }
      if (!this.outage) this.warn(`modelledger: ledger unavailable (${out.reason}); holding ${this.stats().pending} event(s) and retrying`)
      this.outage = true
      this.counts.retries++
      await this.sleep(delay)
    }
  }

  private settle(results: EventOutcome[], attempts: number): void {
    if (this.outage) this.warn(`modelledger: ledger reachable again; delivered after ${attempts} retr${attempts === 1 ? 'y' : 'ies'}`)
    this.outage = false
    let firstRejection: EventOutcome | undefined
    for (const r of results) {
      if (r.status === 'accepted') this.counts.accepted++
      else if (r.status === 'duplicate') this.counts.duplicates++
      else {
        this.counts.rejected++
        firstRejection ??= r
      }
    }
    if (firstRejection) this.warn(`modelledger: the ledger rejected event ${firstRejection.id}: ${firstRejection.error ?? 'no reason given'}`)
  }

  private refuse(batch: WireEvent[], reason: string): void {
    this.counts.failed += batch.length
    this.warn(`modelledger: ${batch.length} event(s) refused and not retried: ${reason}`)
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.sleepTimer = null
        resolve()
      }, ms) as Timer
      if (this.draining === 0) t.unref?.()
      this.sleepTimer = t
    })
  }

  // A counted warning, at most every 10 s, so a long outage does not flood the log.
  private noteDrop(n: number, final = false): void {
    this.droppedSinceWarning += n
    const now = Date.now()
    if (this.droppedSinceWarning === 0 || (!final && now - this.lastDropWarning < DROP_WARNING_EVERY_MS)) return
    const why = this.closed ? this.closedReason : `buffer full (${this.maxBuffered} events)`
    this.warn(`modelledger: dropped ${this.droppedSinceWarning} event(s), ${why}; ${this.counts.dropped} dropped in all`)
    this.droppedSinceWarning = 0
    this.lastDropWarning = now
  }
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.floor(n)))
}

function withTimeout(p: Promise<void>, ms: number): Promise<void> {
  let t: Timer | undefined
  const timeout = new Promise<void>((resolve) => (t = setTimeout(resolve, ms) as Timer))
  return Promise.race([p, timeout]).finally(() => clearTimeout(t))
}
