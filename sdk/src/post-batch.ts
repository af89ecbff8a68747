import { USER_AGENT } from './version.js'
import type { WireEvent } from './usage-event.js'

export type EventOutcome = { id: string; status: 'accepted' | 'duplicate' | 'rejected'; error?: string }

/** What one POST of a batch came to, and whether sending it again could help. */
export type BatchOutcome =
  | { kind: 'stored'; results: EventOutcome[] }
  /** `bounded`: a 500 is a bug on the ledger's side, retried a few times only (it may be this very batch). */
  | { kind: 'retry'; reason: string; retryAfter: string | null; bounded?: true }
  | { kind: 'too-large' }
  | { kind: 'refused'; reason: string }

export type Transport = { url: string; apiKey: string; timeoutMs: number; fetch: typeof fetch }

// 429 and 503 are the ledger saying "later" (with Retry-After); 502/504 are a proxy in front of it.
const RETRYABLE = new Set([408, 429, 502, 503, 504])

export async function postBatch(t: Transport, events: readonly WireEvent[]): Promise<BatchOutcome> {
  let res: Response
  try {
    res = await t.fetch(t.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json', 'user-agent': USER_AGENT },
      body: JSON.stringify({ events }),
      signal: AbortSignal.timeout(t.timeoutMs),
    })
  } catch (err) {
    // Connection refused or reset, DNS, timeout: the batch may or may not have been stored. Resending
    // is safe because every event keeps its id and the ledger counts an id once.
    return { kind: 'retry', reason: `network: ${describe(err)}`, retryAfter: null }
  }
  const text = await res.text().catch(() => '')
  if (res.status === 200 || res.status === 207) {
    const results = readResults(text)
    if (results) return { kind: 'stored', results }
    return { kind: 'retry', reason: `HTTP ${res.status} with an unreadable body`, retryAfter: null }
  }
  if (RETRYABLE.has(res.status)) return { kind: 'retry', reason: `HTTP ${res.status}${errorMessage(text)}`, retryAfter: res.headers.get('retry-after') }
  if (res.status === 413) return { kind: 'too-large' }
  if (res.status === 500) return { kind: 'retry', reason: `HTTP 500${errorMessage(text)}`, retryAfter: null, bounded: true }
  return { kind: 'refused', reason: `HTTP ${res.status}${errorMessage(text)}` }
}

function readResults(text: string): EventOutcome[] | null {
  try {
    const body = JSON.parse(text) as { results?: unknown }
    return Array.isArray(body.results) ? (body.results as EventOutcome[]) : null
  } catch {
    return null
  }
}

function errorMessage(text: string): string {
  try {
    const msg = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message
    return typeof msg === 'string' ? `: ${msg}` : ''
  } catch {
    return ''
  }
}

export function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause
    const detail = cause && typeof cause === 'object' ? (typeof cause.code === 'string' ? cause.code : String(cause.message ?? '')) : ''
    return detail ? `${err.message} (${detail})` : err.message
  }
  return String(err)
}
