// Password guessing: after MAX_FAILURES wrong passwords for one email within WINDOW_MS, sign-in for that
// email is refused (without checking the password) until the oldest failure leaves the window. Per web
// process, like the API key rate limit: with N processes an attacker gets N × MAX_FAILURES tries per window.
export const MAX_FAILURES = 10
export const WINDOW_MS = 15 * 60_000

const failures = new Map<string, number[]>()

function recent(email: string, now: number): number[] {
  const kept = (failures.get(email) ?? []).filter((t) => now - t < WINDOW_MS)
  if (kept.length) failures.set(email, kept)
  else failures.delete(email)
  return kept
}

export function signInLocked(email: string, now = Date.now()): boolean {
  return recent(email, now).length >= MAX_FAILURES
}

export function recordSignInFailure(email: string, now = Date.now()): void {
  failures.set(email, [...recent(email, now), now])
  if (failures.size > 100_000) failures.clear()
}

export function clearSignInFailures(email: string): void {
  failures.delete(email)
}
