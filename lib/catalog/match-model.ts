export type CatalogModel = { id: number; slug: string; provider: string; aliases: readonly string[] }

export type ModelMatcher = (model: string, provider?: string) => CatalogModel | null

// Snapshot / variant suffixes that name the same priced model. Deliberately absent: size and tier
// words (-mini, -nano, -turbo, -instruct, :70b…) and -preview — those are different models, and a
// wrong match would misprice silently where no match is merely "unpriced".
const SUFFIXES: readonly RegExp[] = [
  /:(free|beta|extended|nitro|floor|online|thinking|exacto)$/, // OpenRouter routing variants
  /-v\d+(:\d+)?$/, // Bedrock model versions: -v2:0
  /[-@]\d{8}$/, // -20241022, Vertex @20240620
  /-\d{4}-\d{2}-\d{2}$/, // -2024-08-06
  /-\d{4}$/, // -0613, -2407 (MMDD / YYMM snapshots)
  /-latest$/,
]

// Bedrock ids put the vendor (and a cross-region inference profile) before a dot.
const BEDROCK_PREFIX = /^(?:(?:us|eu|apac|global|us-gov)\.)?(?:anthropic|meta|mistral|amazon|cohere|ai21|deepseek|qwen|openai|writer)\./

// Same name written with other separators: claude-3.5-sonnet ↔ claude-3-5-sonnet, "Llama 3.1 70B".
function looseKey(key: string): string {
  return key.replace(/[\s._:]+/g, '-')
}

function prefixVariants(key: string): string[] {
  const out = [key]
  let rest = key
  for (let slash = rest.indexOf('/'); slash >= 0 && slash < rest.length - 1; slash = rest.indexOf('/')) {
    rest = rest.slice(slash + 1)
    out.push(rest)
  }
  const last = out[out.length - 1] as string
  const bedrock = last.replace(BEDROCK_PREFIX, '')
  if (bedrock !== last && bedrock.length > 0) out.push(bedrock)
  return out
}

function suffixVariants(key: string): string[] {
  const out: string[] = []
  let current = key
  for (let changed = true; changed; ) {
    changed = false
    for (const re of SUFFIXES) {
      const next = current.replace(re, '')
      if (next !== current && next.length > 0) {
        out.push(next)
        current = next
        changed = true
      }
    }
  }
  return out
}

// Priority: the name as sent, then without provider prefixes (longest first), then without snapshot
// suffixes (each step, longest first). The first hit wins, so the longest known alias decides.
function candidates(model: string, provider: string | undefined): string[] {
  const key = model.trim().toLowerCase()
  const withProvider = provider ? [`${provider.trim().toLowerCase()}/${key}`] : []
  const prefixed = [...withProvider, ...prefixVariants(key)]
  return [...prefixed, ...prefixed.flatMap(suffixVariants)]
}

// Cache of recent answers: events repeat a handful of model strings, so most lookups are one Map get.
const CACHE_LIMIT = 10_000

export function buildModelMatcher(models: readonly CatalogModel[]): ModelMatcher {
  const exact = new Map<string, CatalogModel>()
  for (const m of models) for (const a of m.aliases) exact.set(a.trim().toLowerCase(), m)
  // A slug outranks another model's identical alias.
  for (const m of models) exact.set(m.slug.trim().toLowerCase(), m)

  const loose = new Map<string, CatalogModel[]>()
  for (const [key, m] of exact) {
    const lk = looseKey(key)
    const list = loose.get(lk) ?? []
    if (!list.includes(m)) list.push(m)
    loose.set(lk, list)
  }

  // Two models that only differ by separators: decide by provider, or not at all.
  const pickLoose = (key: string, provider: string | undefined): CatalogModel | null => {
    const list = loose.get(looseKey(key))
    if (!list) return null
    if (list.length === 1) return list[0] ?? null
    const p = provider?.trim().toLowerCase()
    const same = list.filter((m) => m.provider.toLowerCase() === p)
    return same.length === 1 ? (same[0] ?? null) : null
  }

  const cache = new Map<string, CatalogModel | null>()
  return (model, provider) => {
    const cacheKey = `${provider ?? ''}\u0000${model}`
    const cached = cache.get(cacheKey)
    if (cached !== undefined) return cached
    let found: CatalogModel | null = null
    for (const c of candidates(model, provider)) {
      found = exact.get(c) ?? pickLoose(c, provider)
      if (found) break
    }
    if (cache.size >= CACHE_LIMIT) cache.clear()
    cache.set(cacheKey, found)
    return found
  }
}
