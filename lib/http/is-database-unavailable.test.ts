import { Prisma } from '@prisma/client'
import { describe, expect, it } from 'vitest'
import { isDatabaseUnavailable } from './is-database-unavailable'

// What the fault drills (scripts/drills) saw while PostgreSQL restarted: each must map to 503, not 500.
const prismaError = (code: string, message: string) => new Prisma.PrismaClientKnownRequestError(message, { code, clientVersion: '6.19.3' })

describe('isDatabaseUnavailable', () => {
  it.each([
    ['pg: connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['pg: server shutting down (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['pg: connection cut mid-query', new Error('Connection terminated unexpectedly')],
    ['Prisma P1017: server closed the connection', prismaError('P1017', 'Invalid `prisma.apiKey.findUnique()` invocation:\n\nServer has closed the connection.')],
    ['Prisma P1001: cannot reach the server', prismaError('P1001', "Can't reach database server at 127.0.0.1:5432")],
    ['Prisma P2024: no pooled connection in time', prismaError('P2024', 'Timed out fetching a new connection from the connection pool.')],
    ['wrapped in a cause', new Error('ingest failed', { cause: Object.assign(new Error('x'), { code: '57P03' }) })],
  ])('%s → unavailable', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true)
  })

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })],
    ['Prisma P2002 (unique)', prismaError('P2002', 'Unique constraint failed')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error', 'nope'],
  ])('%s → not unavailable (a real error)', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false)
  })
})
