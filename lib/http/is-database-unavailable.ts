// Errors that mean "PostgreSQL is not there right now" (down, restarting, refusing, pool exhausted),
// as opposed to a bug. They map to 503 + Retry-After; nothing was acknowledged.
// Prisma's own codes for the same (through the pg driver adapter): P1001 can't reach the server, P1002 and
// P1008 timed out, P1017 the server closed the connection (seen by the fault drills as a 500 while
// PostgreSQL restarted), P2024 no connection from the pool in time.
const unavailableCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006',
  'P1001', 'P1002', 'P1008', 'P1017', 'P2024',
])
const unavailableMessages = [/Connection terminated/i, /timeout exceeded when trying to connect/i, /the database system is (starting up|shutting down|in recovery)/i, /Client has encountered a connection error/i, /Can't reach database server/i, /terminating connection/i, /Server has closed the connection/i]

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown }
    if (typeof code === 'string' && unavailableCodes.has(code)) return true
    if (typeof message === 'string' && unavailableMessages.some((r) => r.test(message))) return true
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnavailable)) return true
    e = cause
  }
  return false
}
