import type { Deployment, Prisma, PriceSource, PrismaClient, Route } from '@prisma/client'

// The catalog as the Models & prices page (and its CSV export) shows it: every model with the
// price version in force at `now`. Models with no version in force come back with price null —
// unpriced, never "free" (ARCHITECTURE.md invariant 3).

export type CatalogPrice = {
  priceVersionId: number
  effectiveFrom: Date
  effectiveTo: Date | null
  currency: string
  /** USD per 1M tokens. Cache and reasoning already resolved through their fallbacks. */
  input: Prisma.Decimal
  output: Prisma.Decimal
  cacheRead: Prisma.Decimal
  cacheWrite: Prisma.Decimal
  reasoning: Prisma.Decimal
  /** true = that bucket has no price of its own and uses input (cache) or output (reasoning). */
  fallback: { cacheRead: boolean; cacheWrite: boolean; reasoning: boolean }
  source: PriceSource
  derived: boolean
  note: string | null
}

/** A catalog entry without its price: what the catalog and a model's detail page both show. */
export type CatalogEntry = {
  id: number
  slug: string
  displayName: string
  provider: string
  family: string
  route: Route
  deployment: Deployment
  latencyClass: string
  parameters: string | null
  notes: string | null
  /** Part 3 star matrix, 0–5 in halves; a dimension absent here was not rated. */
  ratings: Record<string, number>
  aliases: string[]
}

export type CatalogModel = CatalogEntry & { price: CatalogPrice | null }

type ModelRow = Prisma.ModelGetPayload<{ include: { aliases: { select: { alias: true } } } }>

export function catalogEntry(row: ModelRow): CatalogEntry {
  return {
    id: row.id,
    slug: row.slug,
    displayName: row.displayName,
    provider: row.provider,
    family: row.family,
    route: row.route,
    deployment: row.deployment,
    latencyClass: row.latencyClass,
    parameters: row.parameters,
    notes: row.notes,
    ratings: parseRatings(row.ratings),
    aliases: row.aliases.map((a) => a.alias),
  }
}

type DbClient = Pick<PrismaClient, 'model'>

export async function listCatalog(db: DbClient, now: Date): Promise<CatalogModel[]> {
  const rows = await db.model.findMany({
    orderBy: [{ route: 'asc' }, { family: 'asc' }, { displayName: 'asc' }],
    include: {
      aliases: { select: { alias: true }, orderBy: { alias: 'asc' } },
      priceVersions: {
        where: { effectiveFrom: { lte: now }, OR: [{ effectiveTo: null }, { effectiveTo: { gt: now } }] },
        orderBy: { effectiveFrom: 'desc' },
        take: 1,
      },
    },
  })
  return rows.map((row) => {
    const version = row.priceVersions[0]
    return {
      ...catalogEntry(row),
      price: version
        ? {
            priceVersionId: version.id,
            effectiveFrom: version.effectiveFrom,
            effectiveTo: version.effectiveTo,
            currency: version.currency,
            input: version.input,
            output: version.output,
            cacheRead: version.cacheRead ?? version.input,
            cacheWrite: version.cacheWrite ?? version.input,
            reasoning: version.reasoning ?? version.output,
            fallback: { cacheRead: version.cacheRead === null, cacheWrite: version.cacheWrite === null, reasoning: version.reasoning === null },
            source: version.source,
            derived: version.derived,
            note: version.note,
          }
        : null,
    }
  })
}

// ratings is free-form JSON in the DB; anything that is not a 0–5 number is treated as "not rated".
export function parseRatings(value: Prisma.JsonValue): Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {}
  const out: Record<string, number> = {}
  for (const [key, raw] of Object.entries(value)) {
    if (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 && raw <= 5) out[key] = raw
  }
  return out
}
