import { Prisma, type PrismaClient } from '@prisma/client'
import {
  documentCatalog,
  documentPrices,
  type DocumentModel,
  type DocumentPrice,
} from '@/lib/catalog/document-catalog'

export interface SeedCatalogResult {
  models: { created: number; existing: number }
  aliases: { created: number; existing: number }
  priceVersions: { created: number; existing: number }
}

function notesOf(m: DocumentModel): string {
  return [`Source: ${m.citation}`, m.routeNote, m.deploymentNote].filter(Boolean).join('\n')
}

// Insert-if-missing everywhere: the catalog is editable in the product, so a re-run (every `up`) must
// never overwrite what people changed — it only restores what is absent.
export async function seedCatalog(
  prisma: PrismaClient,
  catalog: readonly DocumentModel[] = documentCatalog,
  prices: readonly DocumentPrice[] = documentPrices,
): Promise<SeedCatalogResult> {
  const result: SeedCatalogResult = {
    models: { created: 0, existing: 0 },
    aliases: { created: 0, existing: 0 },
    priceVersions: { created: 0, existing: 0 },
  }
  const idBySlug = new Map<string, number>()

  for (const m of catalog) {
    const existing = await prisma.model.findUnique({ where: { slug: m.slug }, select: { id: true } })
    const model =
      existing ??
      (await prisma.model.upsert({
        where: { slug: m.slug },
        update: {},
        create: {
          slug: m.slug,
          displayName: m.displayName,
          provider: m.provider,
          family: m.family,
          route: m.route,
          deployment: m.deployment,
          latencyClass: m.latencyClass,
          parameters: m.parameters ?? null,
          ratings: m.ratings ?? {},
          notes: notesOf(m),
        },
        select: { id: true },
      }))
    result.models[existing ? 'existing' : 'created']++
    idBySlug.set(m.slug, model.id)

    // The slug is written as an alias too, so the alias table alone resolves every known name.
    const names = [m.slug, ...m.aliases]
    const { count } = await prisma.modelAlias.createMany({
      data: names.map((alias) => ({ alias, modelId: model.id })),
      skipDuplicates: true,
    })
    result.aliases.created += count
    result.aliases.existing += names.length - count
  }

  for (const p of prices) {
    const modelId = idBySlug.get(p.slug)
    if (modelId === undefined) throw new Error(`document price for unknown model ${p.slug}`)
    const created = await insertPriceVersionIfMissing(prisma, modelId, p)
    result.priceVersions[created ? 'created' : 'existing']++
  }
  return result
}

// Keeps the versions of a model non-overlapping: the new one ends where a later one starts, and an
// earlier open-ended one is closed at the new one's start.
async function insertPriceVersionIfMissing(prisma: PrismaClient, modelId: number, p: DocumentPrice): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const same = await tx.priceVersion.findUnique({
      where: { modelId_effectiveFrom: { modelId, effectiveFrom: p.effectiveFrom } },
      select: { id: true },
    })
    if (same) return false

    const later = await tx.priceVersion.findFirst({
      where: { modelId, effectiveFrom: { gt: p.effectiveFrom } },
      orderBy: { effectiveFrom: 'asc' },
      select: { effectiveFrom: true },
    })
    await tx.priceVersion.updateMany({
      where: {
        modelId,
        effectiveFrom: { lt: p.effectiveFrom },
        OR: [{ effectiveTo: null }, { effectiveTo: { gt: p.effectiveFrom } }],
      },
      data: { effectiveTo: p.effectiveFrom },
    })
    await tx.priceVersion.create({
      data: {
        modelId,
        effectiveFrom: p.effectiveFrom,
        effectiveTo: later?.effectiveFrom ?? null,
        input: new Prisma.Decimal(p.input),
        output: new Prisma.Decimal(p.output),
        cacheRead: p.cacheRead,
        cacheWrite: p.cacheWrite,
        reasoning: p.reasoning,
        source: p.source,
        derived: p.derived,
        note: p.note,
      },
    })
    return true
  })
}
