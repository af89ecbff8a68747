import type { PrismaClient } from '@prisma/client'

/** Whether a catalog model has this slug (a model page's 404 check, made before anything streams). */
export async function modelExists(db: PrismaClient, slug: string): Promise<boolean> {
  return (await db.model.count({ where: { slug } })) > 0
}
