import type { PrismaClient } from '@prisma/client'
import { assignModelColors, type ModelColors } from './model-colors'

/** The catalog's model colours (catalog order = the order models were added). */
export async function loadModelColors(db: PrismaClient): Promise<ModelColors> {
  const models = await db.model.findMany({ select: { slug: true }, orderBy: { id: 'asc' } })
  return assignModelColors(models.map((m) => m.slug))
}
