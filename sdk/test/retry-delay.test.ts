import { describe, expect, it } from 'vitest'
import { MAX_RETRY_AFTER_MS, parseRetryAfter, retryDelayMs } from '../src/retry-delay'

const now = Date.parse('2026-12-07T08:00:00Z')
const policy = { baseDelayMs: 250, maxDelayMs: 30_000 }

describe('parseRetryAfter', () => {
  it.each([
    [null, null],
    ['', null],
    ['2', 2000],
    ['0', 0],
    ['1.5', 1500],
    ['Mon, 07 Dec 2026 08:00:05 GMT', 5000],
    ['Mon, 07 Dec 2026 07:59:00 GMT', 0],
    ['86400', MAX_RETRY_AFTER_MS],
    ['soon', null],
  ])('%s → %s', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms)
  })
})

describe('retryDelayMs', () => {
  it('honours the server’s Retry-After over its own backoff', () => {
    expect(retryDelayMs(7, 3000, policy, 0.99)).toBe(3000)
  })
  it.each([
    [0, 0, 125],
    [0, 1, 250],
    [3, 0, 1000],
    [3, 1, 2000],
    [20, 1, 30_000],
    [20, 0, 15_000],
  ])('attempt %i with random %f waits %i ms', (attempt, random, ms) => {
    expect(retryDelayMs(attempt, null, policy, random)).toBe(ms)
  })
})
