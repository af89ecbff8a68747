// How long to wait before resending a batch. Pure, so its table-driven test needs no clock.

export type RetryPolicy = { baseDelayMs: number; maxDelayMs: number }

export const MAX_RETRY_AFTER_MS = 5 * 60_000

/** Retry-After as seconds or an HTTP date, in ms from `now`; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null
  const value = header.trim()
  if (/^\d+(\.\d+)?$/.test(value)) return Math.min(Number(value) * 1000, MAX_RETRY_AFTER_MS)
  const at = Date.parse(value)
  if (Number.isNaN(at)) return null
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS)
}

/**
 * The server's Retry-After when it gave one (it knows when it will have room); otherwise exponential
 * backoff with jitter (half fixed, half random), so many clients coming back from one outage do not resend in lockstep.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | null, policy: RetryPolicy, random: number): number {
  if (retryAfterMs !== null) return retryAfterMs
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt, 30))
  return Math.round(ceiling / 2 + (ceiling / 2) * random)
}
