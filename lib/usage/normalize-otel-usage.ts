import type { NormalizedUsage } from './normalize-usage'
import { UsageFieldError, checkCount, describeValue, subtractParts, type Counted } from './usage-fields'

export type OtelAttributes = Readonly<Record<string, string | number | boolean>>

// OTel GenAI semantic conventions (registry gen_ai.usage.*). input_tokens SHOULD include cache
// reads and writes; output_tokens SHOULD include reasoning. prompt_tokens / completion_tokens are
// the deprecated names of input_tokens / output_tokens, still sent by older instrumentations.
const INPUT = ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'] as const
const OUTPUT = ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'] as const
const CACHE_READ = 'gen_ai.usage.cache_read.input_tokens'
const CACHE_WRITE = 'gen_ai.usage.cache_creation.input_tokens'
const REASONING = 'gen_ai.usage.reasoning.output_tokens'
const ALL = [...INPUT, ...OUTPUT, CACHE_READ, CACHE_WRITE, REASONING]

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
    const input = readFirst(attrs, INPUT)
    const output = readFirst(attrs, OUTPUT)
    const cacheRead = readAttr(attrs, CACHE_READ)
    const cacheWrite = readAttr(attrs, CACHE_WRITE)
    const reasoning = readAttr(attrs, REASONING)
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
