import type { PriceSource, Prisma } from '@prisma/client'
import { prisma } from '@/lib/db'
import { catalogEntry, type CatalogEntry } from '@/lib/catalog/list-catalog'

// A model with every price version it ever had (newest first) and who added each: the detail page
// and its CSV read the same rows.

export type HistoryVersion = {
  id: number
  effectiveFrom: Date
  effectiveTo: Date | null
  currency: string
  input: Prisma.Decimal
  cacheRead: Prisma.Decimal | null
  cacheWrite: Prisma.Decimal | null
  output: Prisma.Decimal
  reasoning: Prisma.Decimal | null
  source: PriceSource
  derived: boolean
  note: string | null
  createdAt: Date
  createdBy: string | null
  /** in force at `now`; scheduled = starts after `now`; past = ended. */
  state: 'in-force' | 'scheduled' | 'past'
}

export type ModelWithHistory = CatalogEntry & { versions: HistoryVersion[] }

export async function loadModelWithHistory(slug: string, now: Date): Promise<ModelWithHistory | null> {
  const model = await prisma.model.findUnique({
    where: { slug },
    include: { aliases: { select: { alias: true }, orderBy: { alias: 'asc' } }, priceVersions: { orderBy: { effectiveFrom: 'desc' } } },
  })
  if (!model) return null
  const creatorIds = [...new Set(model.priceVersions.map((v) => v.createdById).filter((id): id is number => id !== null))]
  const creators = creatorIds.length
    ? await prisma.user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, email: true } })
    : []
  const emailById = new Map(creators.map((u) => [u.id, u.email]))
  const t = now.getTime()
  // With an overlap the latest effective version wins (as pricing does): only one is marked in force.
  let inForceSeen = false
  const versions = model.priceVersions.map((v): HistoryVersion => {
    let state: HistoryVersion['state'] = 'past'
    if (v.effectiveFrom.getTime() > t) state = 'scheduled'
    else if (!inForceSeen && (v.effectiveTo === null || v.effectiveTo.getTime() > t)) {
      state = 'in-force'
      inForceSeen = true
    }
    return {
      id: v.id,
      effectiveFrom: v.effectiveFrom,
      effectiveTo: v.effectiveTo,
      currency: v.currency,
      input: v.input,
      cacheRead: v.cacheRead,
      cacheWrite: v.cacheWrite,
      output: v.output,
      reasoning: v.reasoning,
      source: v.source,
      derived: v.derived,
      note: v.note,
      createdAt: v.createdAt,
      createdBy: v.createdById === null ? null : (emailById.get(v.createdById) ?? `user #${v.createdById}`),
      state,
    }
  })
  return { ...catalogEntry(model), versions }
}
