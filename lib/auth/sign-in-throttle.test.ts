import { describe, expect, it } from 'vitest'
import { clearSignInFailures, MAX_FAILURES, recordSignInFailure, signInLocked, WINDOW_MS } from './sign-in-throttle'

describe('sign-in throttle', () => {
  it('locks an email after MAX_FAILURES failures within the window, and only that email', () => {
    const t0 = Date.UTC(2026, 0, 1)
    for (let i = 0; i < MAX_FAILURES - 1; i++) recordSignInFailure('a@example.com', t0 + i)
    expect(signInLocked('a@example.com', t0 + MAX_FAILURES)).toBe(false)
    recordSignInFailure('a@example.com', t0 + MAX_FAILURES)
    expect(signInLocked('a@example.com', t0 + MAX_FAILURES + 1)).toBe(true)
    expect(signInLocked('b@example.com', t0 + MAX_FAILURES + 1)).toBe(false)
  })

  it('unlocks when the failures leave the window', () => {
    const t0 = Date.UTC(2026, 0, 2)
    for (let i = 0; i < MAX_FAILURES; i++) recordSignInFailure('c@example.com', t0)
    expect(signInLocked('c@example.com', t0 + WINDOW_MS - 1)).toBe(true)
    expect(signInLocked('c@example.com', t0 + WINDOW_MS)).toBe(false)
  })

  it('a successful sign-in clears the count', () => {
    const t0 = Date.UTC(2026, 0, 3)
    for (let i = 0; i < MAX_FAILURES; i++) recordSignInFailure('d@example.com', t0)
    clearSignInFailures('d@example.com')
    expect(signInLocked('d@example.com', t0 + 1)).toBe(false)
  })
})
