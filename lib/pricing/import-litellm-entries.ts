import { Decimal } from './decimal'

// Reading LiteLLM's model_prices_and_context_window.json: per-token USD prices → USD per 1M tokens.
// Pure: no catalog, no database.

export type LiteLlmRates = {
  input: Decimal
  output: Decimal
  cacheRead: Decimal | null
  cacheWrite: Decimal | null
  reasoning: Decimal | null
}

export type LiteLlmEntry = {
  key: string
  /** litellm_provider: who serves the model under this key (openai, azure, bedrock, ollama …). */
  provider: string | null
  mode: string | null
  supportsReasoning: boolean
  rates: LiteLlmRates
  /** Things the import ignored or adjusted for this entry (tiered prices, rounding). */
  notes: string[]
}

export type LiteLlmSkipReason =
  | 'documentation'
  | 'not-a-model'
  | 'no-token-price'
  | 'invalid-price'
  | 'not-selected'
  | 'unmatched'
  | 'superseded'
  | 'hosted-price-for-local-model'
  | 'conflict'
  | 'same-date-version'

export type SkippedLiteLlmEntry = { key: string; reason: LiteLlmSkipReason; model?: string; detail?: string }

const fields = {
  input: 'input_cost_per_token',
  output: 'output_cost_per_token',
  cacheRead: 'cache_read_input_token_cost',
  cacheWrite: 'cache_creation_input_token_cost',
  reasoning: 'output_cost_per_reasoning_token',
} as const

// e.g. input_cost_per_token_above_200k_tokens: a second price tier for long prompts.
const TIER = /_above_(\d+k?)_tokens/
const NUMERIC = /^\d+(\.\d+)?(e[+-]?\d+)?$/i

class InvalidPrice extends Error {}

/**
 * A per-token price as USD per 1M tokens, exactly. JSON.parse has already made the literal a float, but
 * String(n) is the shortest decimal that reads back as that float — the literal as written in the file
 * (2.5e-06 → "0.0000025"), so nothing binary leaks into the Decimal.
 */
function perMillion(field: string, value: unknown, notes: string[]): Decimal {
  let text: string
  if (typeof value === 'number' && Number.isFinite(value)) text = String(value)
  else if (typeof value === 'string' && NUMERIC.test(value.trim())) text = value.trim()
  else throw new InvalidPrice(`${field} is ${JSON.stringify(value)}`)
  const perToken = new Decimal(text)
  if (perToken.isNegative()) throw new InvalidPrice(`${field} is negative`)
  const rate = perToken.times(1_000_000)
  if (rate.decimalPlaces() <= 9) return rate
  // A price column keeps 9 decimals of USD per 1M tokens (1e-15 USD per token).
  const rounded = rate.toDecimalPlaces(9)
  notes.push(`${field} ${rate.toFixed()} rounded to ${rounded.toFixed()} per 1M`)
  return rounded
}

/** Every entry of the file, either read into rates or skipped with a reason. */
export function parseLiteLlmEntries(json: unknown): { entries: LiteLlmEntry[]; skipped: SkippedLiteLlmEntry[] } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new TypeError('expected the LiteLLM price map: a JSON object keyed by model name')
  }
  const entries: LiteLlmEntry[] = []
  const skipped: SkippedLiteLlmEntry[] = []
  for (const [key, raw] of Object.entries(json as Record<string, unknown>)) {
    if (key === 'sample_spec') {
      skipped.push({ key, reason: 'documentation' })
      continue
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || key === 'fallback_generalizations') {
      skipped.push({ key, reason: 'not-a-model' })
      continue
    }
    const v = raw as Record<string, unknown>
    if (v[fields.input] === undefined || v[fields.output] === undefined) {
      // Priced per image, second, character, query … — nothing a token bucket can carry.
      skipped.push({ key, reason: 'no-token-price' })
      continue
    }
    const notes: string[] = []
    try {
      const optional = (f: string) => (v[f] === undefined || v[f] === null ? null : perMillion(f, v[f], notes))
      const rates: LiteLlmRates = {
        input: perMillion(fields.input, v[fields.input], notes),
        output: perMillion(fields.output, v[fields.output], notes),
        cacheRead: optional(fields.cacheRead),
        cacheWrite: optional(fields.cacheWrite),
        reasoning: optional(fields.reasoning),
      }
      const tiers = [...new Set(Object.keys(v).flatMap((k) => TIER.exec(k)?.[1] ?? []))]
      if (tiers.length > 0) notes.push(`tiered prices above ${tiers.join(', ')} tokens ignored; base tier imported`)
      entries.push({
        key,
        provider: typeof v.litellm_provider === 'string' ? v.litellm_provider : null,
        mode: typeof v.mode === 'string' ? v.mode : null,
        supportsReasoning: v.supports_reasoning === true,
        rates,
        notes,
      })
    } catch (err) {
      if (!(err instanceof InvalidPrice)) throw err
      skipped.push({ key, reason: 'invalid-price', detail: err.message })
    }
  }
  return { entries, skipped }
}

/** Two rate sets bill every token the same (a null cache rate is the input rate, a null reasoning rate the output rate). */
export function sameBilling(a: LiteLlmRates, b: LiteLlmRates): boolean {
  return (
    a.input.eq(b.input) &&
    a.output.eq(b.output) &&
    (a.cacheRead ?? a.input).eq(b.cacheRead ?? b.input) &&
    (a.cacheWrite ?? a.input).eq(b.cacheWrite ?? b.input) &&
    (a.reasoning ?? a.output).eq(b.reasoning ?? b.output)
  )
}
