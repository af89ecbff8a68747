import type { Deployment } from '@prisma/client'
import { buildModelMatcher, type CatalogModel, type ModelMatcher } from '@/lib/catalog/match-model'
import { sameBilling, type LiteLlmEntry, type SkippedLiteLlmEntry } from './import-litellm-entries'
import { guessLiteLlmModel, isLocalRuntime, type GuessedModel } from './import-litellm-guess-model'

export type ImportCatalogModel = CatalogModel & { deployment: Deployment }

/** The entry whose prices a catalog model takes; `guess` set = a model the import would create. */
export type LiteLlmChoice = { model: ImportCatalogModel; entry: LiteLlmEntry; candidates: number; guess: GuessedModel | null }

export type LiteLlmConflict = { model: ImportCatalogModel; guess: GuessedModel | null; entries: LiteLlmEntry[] }

export type LiteLlmSelection = { choices: LiteLlmChoice[]; conflicts: LiteLlmConflict[]; skipped: SkippedLiteLlmEntry[] }

const CREATABLE_MODES = new Set(['chat', 'completion', 'responses'])

/**
 * Lower is better: [how exactly the key names the model, how native the key is].
 * Exactness: 0 the slug itself, 1 a known alias, 2 found by the matcher (a prefix or snapshot stripped).
 * Nativeness: 0 the model's own provider without a gateway prefix (`gpt-4o`), 1 its own provider
 * (`deepseek/deepseek-chat`), 2 no prefix (a Bedrock id), 3 a reseller or gateway (`openrouter/…`).
 */
export function rankLiteLlmKey(entry: Pick<LiteLlmEntry, 'key' | 'provider'>, model: CatalogModel): [number, number] {
  const key = entry.key.toLowerCase()
  const exactness = key === model.slug.toLowerCase() ? 0 : model.aliases.some((a) => a.toLowerCase() === key) ? 1 : 2
  const ownProvider = entry.provider?.toLowerCase() === model.provider.toLowerCase()
  const prefixed = key.includes('/')
  const nativeness = ownProvider ? (prefixed ? 1 : 0) : prefixed ? 3 : 2
  return [exactness, nativeness]
}

const compareRank = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1]

// New models: simplest names first so `gpt-4o-mini` founds the model that `azure/gpt-4o-mini` then joins.
function planNewModels(unmatched: LiteLlmEntry[], catalog: readonly ImportCatalogModel[]) {
  const taken = new Set(catalog.map((m) => m.slug.toLowerCase()))
  const created: { model: ImportCatalogModel; guess: GuessedModel }[] = []
  const assigned = new Map<LiteLlmEntry, ImportCatalogModel>()
  let matcher: ModelMatcher = () => null
  const ordered = [...unmatched].sort((a, b) => Number(a.key.includes('/')) - Number(b.key.includes('/')) || a.key.length - b.key.length || a.key.localeCompare(b.key))
  for (const entry of ordered) {
    let model = matcher(entry.key) as ImportCatalogModel | null
    if (!model) {
      const guess = guessLiteLlmModel(entry, taken)
      taken.add(guess.slug)
      model = { id: -(created.length + 1), slug: guess.slug, provider: guess.provider, aliases: guess.aliases, deployment: guess.deployment }
      created.push({ model, guess })
      matcher = buildModelMatcher(created.map((c) => c.model))
    }
    assigned.set(entry, model)
  }
  return { assigned, guesses: new Map(created.map((c) => [c.model.id, c.guess])) }
}

/**
 * Which LiteLLM entry prices which catalog model. Several keys usually name one model (the provider's own,
 * Azure's, Bedrock's, OpenRouter's …): the best-ranked key wins; equally ranked keys that bill differently
 * are a conflict, left for a person to settle rather than guessed. A local model only takes prices from
 * a local runtime (Ollama …): a host's per-token price is not what running it yourself costs.
 */
export function selectLiteLlmPrices(
  entries: readonly LiteLlmEntry[],
  catalog: readonly ImportCatalogModel[],
  opts: { createModels?: boolean } = {},
): LiteLlmSelection {
  const matcher = buildModelMatcher(catalog)
  const skipped: SkippedLiteLlmEntry[] = []
  const byModel = new Map<number, { model: ImportCatalogModel; entries: LiteLlmEntry[] }>()
  const add = (model: ImportCatalogModel, entry: LiteLlmEntry) => {
    const group = byModel.get(model.id) ?? { model, entries: [] }
    group.entries.push(entry)
    byModel.set(model.id, group)
  }
  const unmatched: LiteLlmEntry[] = []
  for (const entry of entries) {
    const model = matcher(entry.key) as ImportCatalogModel | null
    if (model) add(model, entry)
    else if (opts.createModels && (entry.mode === null || CREATABLE_MODES.has(entry.mode))) unmatched.push(entry)
    else skipped.push({ key: entry.key, reason: 'unmatched' })
  }
  const { assigned, guesses } = planNewModels(unmatched, catalog)
  for (const [entry, model] of assigned) add(model, entry)

  const choices: LiteLlmChoice[] = []
  const conflicts: LiteLlmConflict[] = []
  for (const { model, entries: all } of byModel.values()) {
    const guess = guesses.get(model.id) ?? null
    let usable = all
    if (model.deployment === 'local') {
      usable = all.filter(isLocalRuntime)
      for (const e of all.filter((x) => !isLocalRuntime(x))) {
        skipped.push({ key: e.key, reason: 'hosted-price-for-local-model', model: model.slug })
      }
    }
    if (usable.length === 0) continue
    const ranked = usable
      .map((entry) => ({ entry, rank: rankLiteLlmKey(entry, model) }))
      .sort((a, b) => compareRank(a.rank, b.rank) || a.entry.key.length - b.entry.key.length || a.entry.key.localeCompare(b.entry.key))
    const best = ranked[0]
    if (!best) continue
    const tier = ranked.filter((r) => compareRank(r.rank, best.rank) === 0)
    const rest = ranked.filter((r) => compareRank(r.rank, best.rank) !== 0)
    if (tier.some((r) => !sameBilling(r.entry.rates, best.entry.rates))) {
      conflicts.push({ model, guess, entries: tier.map((r) => r.entry) })
      for (const r of tier) skipped.push({ key: r.entry.key, reason: 'conflict', model: model.slug })
    } else {
      choices.push({ model, entry: best.entry, candidates: usable.length, guess })
      for (const r of tier.slice(1)) skipped.push({ key: r.entry.key, reason: 'superseded', model: model.slug, detail: `same price as ${best.entry.key}` })
    }
    for (const r of rest) skipped.push({ key: r.entry.key, reason: 'superseded', model: model.slug })
  }
  return { choices, conflicts, skipped }
}
