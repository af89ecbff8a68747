import type { ModelLedger } from './model-ledger.js'
import type { DataClass, Tags, Task } from './usage-event.js'

export type WrapOptions = {
  task?: Task
  dataClass?: DataClass
  tags?: Tags
  /** The provider name sent with each event, when the client talks to a compatible API (e.g. 'azure'). */
  provider?: string
}

/** What a call's answer told us: enough to bill it. */
export type Observed = { id?: string; model?: string; usage?: Record<string, unknown> }

export type StreamObserver = {
  /** Sees each chunk; true hides it from the caller (a chunk we asked for and the caller did not). */
  see(chunk: unknown): boolean
  result(): Observed
}

export type ProviderAdapter = {
  provider: string
  /** The params actually sent (e.g. asking a stream to report usage), and whether that added chunks to hide. */
  prepare?(params: Record<string, unknown>): { params: Record<string, unknown>; hideAdded: boolean }
  fromResult(result: unknown): Observed
  observeStream(hideAdded: boolean): StreamObserver
}

type Create = (this: unknown, params: Record<string, unknown>, options?: unknown) => PromiseLike<unknown>
type Resource = { create: Create }
type TappableStream = { iterator: () => AsyncIterator<unknown> }

const WRAPPED = Symbol.for('modelledger.wrapped')

/**
 * Replaces `resource.create` on this instance with one that calls the original and returns the SDK's
 * own kind of promise (an APIPromise, so .withResponse() and friends still work), watching the answer
 * on the side. Watching never changes what the caller gets, and its failures are only warnings.
 */
export function instrument(resource: unknown, ledger: ModelLedger, opts: WrapOptions, adapter: ProviderAdapter, warn: (m: string) => void): void {
  if (!isResource(resource) || (resource as { [WRAPPED]?: true })[WRAPPED]) return
  const original = resource.create
  const wrapped: Create = function (this: unknown, params, options) {
    const started = performance.now()
    let sent = params
    let hideAdded = false
    try {
      if (adapter.prepare && params && typeof params === 'object') ({ params: sent, hideAdded } = adapter.prepare(params))
    } catch {
      sent = params
    }
    const promise = original.call(this ?? resource, sent, options)
    const observe = (result: unknown) => {
      try {
        const record = (o: Observed) => recordCall(ledger, opts, adapter.provider, o, params?.model, started)
        if (sent?.stream === true) tapStream(result, adapter.observeStream(hideAdded), record, warn)
        else record(adapter.fromResult(result))
      } catch (err) {
        warn(`modelledger: could not record a ${adapter.provider} call: ${String(err)}`)
      }
    }
    // Both SDKs' APIPromise parses lazily: _thenUnwrap watches the parsed answer only when the caller
    // asks for it, so .asResponse() (the raw body, unparsed) keeps working.
    const lazy = (promise as { _thenUnwrap?: (f: (r: unknown) => unknown) => PromiseLike<unknown> })._thenUnwrap
    if (typeof lazy === 'function') {
      return lazy.call(promise, (result) => {
        observe(result)
        return result
      })
    }
    try {
      promise.then(observe, () => undefined) // a failed call has no usage; the caller sees its error
    } catch {
      // a thenable that misbehaves is the caller's business, not ours
    }
    return promise
  }
  Object.defineProperty(wrapped, WRAPPED, { value: true })
  resource.create = wrapped
  Object.defineProperty(resource, WRAPPED, { value: true })
}

function isResource(r: unknown): r is Resource {
  return typeof r === 'object' && r !== null && typeof (r as Resource).create === 'function'
}

function recordCall(ledger: ModelLedger, opts: WrapOptions, provider: string, o: Observed, requestedModel: unknown, started: number): void {
  if (!o.usage) return // nothing billable seen (a stream broken off before its usage arrived)
  const model = o.model || (typeof requestedModel === 'string' ? requestedModel : '')
  ledger.record({
    id: o.id || undefined,
    model,
    provider: opts.provider ?? provider,
    usage: o.usage,
    latencyMs: performance.now() - started,
    task: opts.task,
    dataClass: opts.dataClass,
    tags: opts.tags,
  })
}

// Both SDKs' Stream objects read their chunks through this.iterator() — for-await, tee() and
// toReadableStream() alike — so replacing it on the instance sees every chunk once, however consumed.
function tapStream(stream: unknown, observer: StreamObserver, record: (o: Observed) => void, warn: (m: string) => void): void {
  const s = stream as TappableStream
  if (!s || typeof s.iterator !== 'function') {
    warn('modelledger: this stream cannot be watched (unknown SDK version?); its usage is not recorded')
    return
  }
  const inner = s.iterator
  s.iterator = function () {
    return watch(inner.call(s), observer, record)
  }
}

async function* watch(source: AsyncIterator<unknown>, observer: StreamObserver, record: (o: Observed) => void): AsyncGenerator<unknown> {
  try {
    for await (const chunk of { [Symbol.asyncIterator]: () => source }) {
      let hide = false
      try {
        hide = observer.see(chunk)
      } catch {
        hide = false
      }
      if (!hide) yield chunk
    }
  } finally {
    // Also when the caller breaks off: Anthropic has already reported the input tokens by then.
    try {
      record(observer.result())
    } catch {
      // recording must not turn a finished stream into an error
    }
  }
}

export function pick(o: unknown): Record<string, unknown> | undefined {
  return typeof o === 'object' && o !== null ? (o as Record<string, unknown>) : undefined
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined
}
