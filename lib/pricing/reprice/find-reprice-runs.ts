import type { DbClient } from '@/lib/db'

/** One re-price run, or null; ids past int4 name no run (Prisma would refuse them with an error). */
export async function findRepriceRun(db: DbClient, id: number) {
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) return null
  return db.repriceRun.findUnique({ where: { id } })
}

/** The newest re-price runs, newest first. */
export async function listRecentRepriceRuns(db: DbClient, take: number) {
  return db.repriceRun.findMany({ orderBy: { id: 'desc' }, take })
}
