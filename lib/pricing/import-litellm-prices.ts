import type { PrismaClient } from '@prisma/client'
import { recordAuditBy } from '@/lib/audit/record-audit'
import type { AuditActor } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import { addPriceVersion } from './add-price-version'
import { Decimal } from './decimal'
import { parseLiteLlmEntries, sameBilling, type LiteLlmRates, type LiteLlmSkipReason, type SkippedLiteLlmEntry } from './import-litellm-entries'
import { selectLiteLlmPrices, type ImportCatalogModel, type LiteLlmChoice } from './import-litellm-select'
import { buildPriceIndex, type PriceVersionRates } from './price-version'
import { notifyPricesChanged } from './reprice/notify-prices-changed'

export type LiteLlmImportOptions = {
  dryRun: boolean
  /** Default: the import date (today, 00:00 UTC). */
  effectiveFrom?: Date
  /** Create catalog models for chat entries that match none (route/deployment guessed, said so in notes). */
  createModels?: boolean
  /** Only change these existing models (other matches are reported as not selected). */
  onlyModelIds?: readonly number[]
  /** Only read entries served by these litellm_providers. */
  providers?: readonly string[]
  actor: AuditActor
  now?: Date
}

type Bucket = 'input' | 'output' | 'cacheRead' | 'cacheWrite' | 'reasoning'
type RatesJson = Record<Bucket, string | null>

export type LiteLlmPriceChange = {
  /** null: a model the import creates (dry run: would create). */
  modelId: number | null
  slug: string
  key: string
  newModel: boolean
  old: (RatesJson & { effectiveFrom: string; source: string }) | null
  new: RatesJson
  /** The buckets whose stored value changes (null = falls back to input / output). */
  buckets: { bucket: Bucket; old: string | null; new: string | null }[]
  /** How many LiteLLM keys priced this model; the best-ranked one won. */
  candidates: number
  notes: string[]
  versionId?: number
}

export type LiteLlmImportResult = {
  dryRun: boolean
  effectiveFrom: Date
  entries: number
  changes: LiteLlmPriceChange[]
  unchanged: { modelId: number; slug: string; key: string; rates: RatesJson }[]
  conflicts: { slug: string; candidates: { key: string; rates: RatesJson }[] }[]
  createdModels: { slug: string; key: string; provider: string; family: string; route: string; deployment: string; modelId?: number }[]
  skipped: Partial<Record<LiteLlmSkipReason, number>>
  skippedEntries: SkippedLiteLlmEntry[]
}

const BUCKETS: Bucket[] = ['input', 'output', 'cacheRead', 'cacheWrite', 'reasoning']

const toJson = (r: LiteLlmRates | PriceVersionRates): RatesJson => ({
  input: r.input.toFixed(),
  output: r.output.toFixed(),
  cacheRead: r.cacheRead?.toFixed() ?? null,
  cacheWrite: r.cacheWrite?.toFixed() ?? null,
  reasoning: r.reasoning?.toFixed() ?? null,
})

const sameValue = (a: string | null, b: string | null) => (a === null || b === null ? a === b : new Decimal(a).eq(b))

function startOfUtcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
}

async function loadCatalog(db: PrismaClient): Promise<{ catalog: ImportCatalogModel[]; versions: (PriceVersionRates & { source: string })[] }> {
  const [models, versions] = await Promise.all([
    db.model.findMany({ select: { id: true, slug: true, provider: true, deployment: true, aliases: { select: { alias: true } } } }),
    db.priceVersion.findMany(),
  ])
  return {
    catalog: models.map((m) => ({ id: m.id, slug: m.slug, provider: m.provider, deployment: m.deployment, aliases: m.aliases.map((a) => a.alias) })),
    versions: versions.map((v) => ({
      id: v.id,
      modelId: v.modelId,
      effectiveFrom: v.effectiveFrom,
      effectiveTo: v.effectiveTo,
      input: new Decimal(v.input.toString()),
      output: new Decimal(v.output.toString()),
      cacheRead: v.cacheRead === null ? null : new Decimal(v.cacheRead.toString()),
      cacheWrite: v.cacheWrite === null ? null : new Decimal(v.cacheWrite.toString()),
      reasoning: v.reasoning === null ? null : new Decimal(v.reasoning.toString()),
      source: v.source,
    })),
  }
}

/**
 * Imports prices from LiteLLM's model_prices_and_context_window.json. A dry run returns the changes
 * (per model, old → new per bucket), what is unchanged, conflicts and skip reasons, writing nothing.
 * An apply adds a 'litellm' price version only where billing would change — never overwriting history —
 * in one transaction with its audit rows, then lets unpriced events be priced.
 */
export async function importLiteLlmPrices(db: PrismaClient, json: unknown, opts: LiteLlmImportOptions): Promise<LiteLlmImportResult> {
  const effectiveFrom = opts.effectiveFrom ?? startOfUtcDay(opts.now ?? new Date())
  if (Number.isNaN(effectiveFrom.getTime())) throw new AppError('invalid', 'effectiveFrom is not a valid date')
  let parsed: ReturnType<typeof parseLiteLlmEntries>
  try {
    parsed = parseLiteLlmEntries(typeof json === 'string' ? JSON.parse(json) : json)
  } catch (err) {
    throw new AppError('invalid', `not a LiteLLM price file: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
  }
  const skippedEntries = [...parsed.skipped]
  const providers = opts.providers?.map((p) => p.toLowerCase())
  const entries = providers
    ? parsed.entries.filter((e) => {
        const keep = e.provider !== null && providers.includes(e.provider.toLowerCase())
        if (!keep) skippedEntries.push({ key: e.key, reason: 'not-selected' })
        return keep
      })
    : parsed.entries

  const { catalog, versions } = await loadCatalog(db)
  const prices = buildPriceIndex(versions)
  const sourceOf = new Map(versions.map((v) => [v.id, v.source]))
  const selection = selectLiteLlmPrices(entries, catalog, { createModels: opts.createModels })
  skippedEntries.push(...selection.skipped)
  const only = opts.onlyModelIds ? new Set(opts.onlyModelIds) : null

  const result: LiteLlmImportResult = {
    dryRun: opts.dryRun,
    effectiveFrom,
    entries: parsed.entries.length + parsed.skipped.length,
    changes: [],
    unchanged: [],
    conflicts: selection.conflicts.map((c) => ({ slug: c.model.slug, candidates: c.entries.map((e) => ({ key: e.key, rates: toJson(e.rates) })) })),
    createdModels: [],
    skipped: {},
    skippedEntries,
  }
  const toApply: { choice: LiteLlmChoice; change: LiteLlmPriceChange }[] = []
  for (const choice of selection.choices) {
    const { model, entry, guess } = choice
    if (guess === null && only && !only.has(model.id)) {
      skippedEntries.push({ key: entry.key, reason: 'not-selected', model: model.slug })
      continue
    }
    const current = guess === null ? prices.priceAt(model.id, effectiveFrom) : null
    if (current && sameBilling(current, entry.rates)) {
      result.unchanged.push({ modelId: model.id, slug: model.slug, key: entry.key, rates: toJson(entry.rates) })
      continue
    }
    if (current && current.effectiveFrom.getTime() === effectiveFrom.getTime()) {
      // A version already starts that day (an earlier import, a manual price): history is not overwritten.
      skippedEntries.push({ key: entry.key, reason: 'same-date-version', model: model.slug, detail: `version ${current.id} already starts ${effectiveFrom.toISOString()}` })
      continue
    }
    const oldJson = current ? toJson(current) : null
    const newJson = toJson(entry.rates)
    const change: LiteLlmPriceChange = {
      modelId: guess ? null : model.id,
      slug: model.slug,
      key: entry.key,
      newModel: guess !== null,
      old: current && oldJson ? { ...oldJson, effectiveFrom: current.effectiveFrom.toISOString(), source: sourceOf.get(current.id) ?? 'unknown' } : null,
      new: newJson,
      buckets: BUCKETS.filter((b) => !sameValue(oldJson?.[b] ?? null, newJson[b])).map((b) => ({ bucket: b, old: oldJson?.[b] ?? null, new: newJson[b] })),
      candidates: choice.candidates,
      notes: entry.notes,
    }
    if (guess) {
      result.createdModels.push({ slug: guess.slug, key: entry.key, provider: guess.provider, family: guess.family, route: guess.route, deployment: guess.deployment })
    }
    result.changes.push(change)
    toApply.push({ choice, change })
  }
  for (const s of skippedEntries) result.skipped[s.reason] = (result.skipped[s.reason] ?? 0) + 1
  if (opts.dryRun || toApply.length === 0) return result

  await db.$transaction(
    async (tx) => {
      for (const { choice, change } of toApply) {
        let modelId = change.modelId
        if (choice.guess) {
          const g = choice.guess
          const created = await tx.model.create({
            data: {
              slug: g.slug,
              displayName: g.displayName,
              provider: g.provider,
              family: g.family,
              route: g.route,
              deployment: g.deployment,
              notes: g.notes,
              aliases: { createMany: { data: g.aliases.map((alias) => ({ alias })), skipDuplicates: true } },
            },
          })
          modelId = created.id
          change.modelId = created.id
          const listed = result.createdModels.find((m) => m.slug === g.slug)
          if (listed) listed.modelId = created.id
          await recordAuditBy(tx, opts.actor, {
            action: 'model.create',
            entityType: 'model',
            entityId: created.id,
            after: { slug: g.slug, provider: g.provider, family: g.family, route: g.route, deployment: g.deployment, aliases: g.aliases, source: 'litellm' },
          })
        }
        if (modelId === null) continue
        const r = choice.entry.rates
        const { version } = await addPriceVersion(tx, {
          modelId,
          effectiveFrom,
          input: r.input,
          output: r.output,
          cacheRead: r.cacheRead,
          cacheWrite: r.cacheWrite,
          reasoning: r.reasoning,
          source: 'litellm',
          note: [`LiteLLM ${choice.entry.key}`, ...choice.entry.notes].join('; '),
          actor: opts.actor,
        })
        change.versionId = version.id
      }
    },
    { timeout: 300_000, maxWait: 10_000 },
  )
  await notifyPricesChanged()
  return result
}
