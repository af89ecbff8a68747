import type { DbClient } from '@/lib/db'

export type ModelOption = { id: number; slug: string; displayName: string; deployment: string }

/** Every catalog model for a picker, by slug or by the name people read. */
export async function listModelOptions(db: DbClient, orderBy: 'slug' | 'displayName'): Promise<ModelOption[]> {
  return db.model.findMany({ select: { id: true, slug: true, displayName: true, deployment: true }, orderBy: { [orderBy]: 'asc' } })
}

/** Calls of this model stored unpriced, over all time (the day rollups keep them past raw retention). */
export async function countUnpricedCalls(db: DbClient, modelId: number): Promise<number> {
  const sum = await db.rollupDaily.aggregate({ where: { modelId }, _sum: { unpricedCalls: true } })
  return Number(sum._sum.unpricedCalls ?? 0)
}

/** A model's slug and name, or null when no model has this id. */
export async function findModelName(db: DbClient, id: number): Promise<{ slug: string; displayName: string } | null> {
  return db.model.findUnique({ where: { id }, select: { slug: true, displayName: true } })
}
