import { PrismaClient } from '@prisma/client'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { env } from './env'

// One pg pool per process, shared by Prisma (through the driver adapter) and by the raw-SQL
// bulk paths (ingest insert, rollup upserts) that own their statements.
const globalForDb = globalThis as unknown as { prisma?: PrismaClient; pool?: pg.Pool }

export const pool: pg.Pool =
  globalForDb.pool ?? new pg.Pool({ connectionString: env.DATABASE_URL, max: env.DB_POOL_SIZE })

export const prisma: PrismaClient = globalForDb.prisma ?? new PrismaClient({ adapter: new PrismaPg(pool) })

globalForDb.pool = pool
globalForDb.prisma = prisma

export async function disconnectDb(): Promise<void> {
  await prisma.$disconnect()
  await pool.end().catch(() => undefined)
  globalForDb.prisma = undefined
  globalForDb.pool = undefined
}
