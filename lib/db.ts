import { PrismaClient, type Prisma } from '@prisma/client'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { env } from './env'
import { logger } from './logger'
import { forget, remember } from './remember'

// One pg pool per process, shared by Prisma (through the driver adapter) and by the raw-SQL
// bulk paths (ingest insert, rollup upserts) that own their statements.
export const pool: pg.Pool = remember('db.pool', createPool)

// Domain functions accept either the client or an open transaction, so a caller can fold several
// privileged changes (and their audit rows) into one commit.
export type DbClient = PrismaClient | Prisma.TransactionClient

/** What a raw-SQL helper runs on: the pool, or a client inside a transaction. */
export type SqlClient = pg.Pool | pg.PoolClient

function createPool(): pg.Pool {
  const p = new pg.Pool({
    connectionString: env.DATABASE_URL,
    max: env.DB_POOL_SIZE,
    // No JIT compilation: a query planned over every month of the partitioned usage_events passes
    // jit_above_cost on its estimates alone, even when it reads a few rows at run time, and compiling it
    // can take longer than the query (docs/benchmarks.md, "JIT off on the app's connections"). These are
    // short OLTP and dashboard queries; none runs long enough to pay a compilation back.
    options: '-c jit=off',
  })
  // When PostgreSQL restarts (or a failover or the network cuts a connection), every IDLE client of the
  // pool gets an error and the pool re-emits it; an 'error' event nobody listens to kills the process
  // (docs/reliability.md, the postgres-restart drill). The pool has already dropped that client; the
  // next query opens a fresh connection.
  p.on('error', (err: Error & { code?: string }) => logger.warn({ err: err.message, code: err.code }, 'idle database connection lost'))
  // A client checked out with pool.connect() (a transaction) has no pool listener while it is out: the
  // same error on it would kill the process too. Its next query fails instead, the caller rolls back
  // and releases it, and the pool drops it.
  p.on('connect', (client) => client.on('error', () => undefined))
  return p
}

export const prisma: PrismaClient = remember('db.prisma', () => new PrismaClient({ adapter: new PrismaPg(pool) }))

/**
 * Runs `work` in one transaction on a client of `db`: COMMIT when it resolves, ROLLBACK when it throws
 * (the error is rethrown), and the client goes back to the pool either way.
 */
export async function inTransaction<T>(db: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.connect()
  try {
    await client.query('BEGIN')
    const out = await work(client)
    await client.query('COMMIT')
    return out
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw err
  } finally {
    client.release()
  }
}

export async function disconnectDb(): Promise<void> {
  await prisma.$disconnect()
  await pool.end().catch(() => undefined)
  forget('db.prisma')
  forget('db.pool')
}
