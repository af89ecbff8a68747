import type { NormalizedUsage } from './normalize-usage'
import { UsageFieldError, checkCount, describeValue, subtractParts, type Counted } from './usage-fields'
import { otelGenAiAttributes as names } from './otel-genai-attributes'

export type OtelAttributes = Readonly<Record<string, string | number | boolean>>

// input_tokens SHOULD include cache reads and writes; output_tokens SHOULD include reasoning.
const ALL = [...names.inputTokens, ...names.outputTokens, ...names.cacheReadTokens, ...names.cacheWriteTokens, ...names.reasoningTokens]

// OTLP/JSON encodes int64 as a decimal string.
function readAttr(attrs: OtelAttributes, name: string): Counted | undefined {
  const v = attrs[name]
  if (v === undefined) return undefined
  if (typeof v === 'string') {
    if (!/^\d{1,12}$/.test(v)) throw new UsageFieldError(`${name} must be an integer ≥ 0 (got ${describeValue(v)})`)
    return { value: checkCount(Number(v), name), path: name }
  }
  return { value: checkCount(v, name), path: name }
}

function readFirst(attrs: OtelAttributes, names: readonly string[]): Counted | undefined {
  for (const name of names) {
    const c = readAttr(attrs, name)
    if (c) return c
  }
  return undefined
}

// A span with only the parts has an unknown total of at least their sum: nothing uncached is left.
function remainder(total: Counted | undefined, parts: readonly (Counted | undefined)[]): number {
  return total ? subtractParts(total, parts, ', which should include it') : 0
}

/** Canonical buckets from a span's attributes, or null when the span reports no GenAI usage. */
export function normalizeOtelUsage(attrs: OtelAttributes): NormalizedUsage | null {
  if (!ALL.some((name) => attrs[name] !== undefined)) return null
  try {
    const input = readFirst(attrs, names.inputTokens)
    const output = readFirst(attrs, names.outputTokens)
    const cacheRead = readFirst(attrs, names.cacheReadTokens)
    const cacheWrite = readFirst(attrs, names.cacheWriteTokens)
    const reasoning = readFirst(attrs, names.reasoningTokens)
    return {
      ok: true,
      shape: 'otel',
      buckets: {
        input: remainder(input, [cacheRead, cacheWrite]),
        cacheRead: cacheRead?.value ?? 0,
        cacheWrite: cacheWrite?.value ?? 0,
        output: remainder(output, [reasoning]),
        reasoning: reasoning?.value ?? 0,
      },
    }
  } catch (e) {
    if (e instanceof UsageFieldError) return { ok: false, error: e.message }
    throw e
  }
}
