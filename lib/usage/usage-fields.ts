// Field readers shared by the usage parsers. They throw UsageFieldError; normalizeUsage and
// normalizeOtelUsage turn it into { ok: false, error } so each parser reads as straight-line code.

export const MAX_TOKEN_COUNT = 1_000_000_000

export class UsageFieldError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageFieldError'
  }
}

export type UsageRecord = Record<string, unknown>

export function isRecord(v: unknown): v is UsageRecord {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const proto: unknown = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

// Provider SDKs serialise unset optional fields as null, so null means absent.
export function hasValue(r: UsageRecord, key: string): boolean {
  return r[key] !== undefined && r[key] !== null
}

export function describeValue(v: unknown): string {
  if (typeof v === 'number') return String(v)
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)
  if (Array.isArray(v)) return 'an array'
  if (v === null) return 'null'
  return typeof v === 'object' ? 'an object' : String(v)
}

export function checkCount(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new UsageFieldError(`${path} must be an integer ≥ 0 (got ${describeValue(v)})`)
  }
  if (v > MAX_TOKEN_COUNT) {
    throw new UsageFieldError(`${path} (${v}) exceeds the limit of ${MAX_TOKEN_COUNT} tokens`)
  }
  return v === 0 ? 0 : v // folds -0
}

export function optionalCount(v: unknown, path: string): number | undefined {
  return v === undefined || v === null ? undefined : checkCount(v, path)
}

export function requiredCount(v: unknown, path: string): number {
  if (v === undefined || v === null) throw new UsageFieldError(`${path} is required`)
  return checkCount(v, path)
}

export type Counted = { value: number; path: string }

// Several providers report the same quantity under different names; the first present wins.
export function firstCount(r: UsageRecord | undefined, keys: readonly string[], prefix: string): Counted | undefined {
  if (!r) return undefined
  for (const key of keys) {
    const value = optionalCount(r[key], `${prefix}.${key}`)
    if (value !== undefined) return { value, path: `${prefix}.${key}` }
  }
  return undefined
}

// Totals that include their parts (OpenAI prompt ⊇ cached, completion ⊇ reasoning; OTel likewise):
// the parts may not exceed the total, or the uncached remainder would go negative.
export function subtractParts(total: Counted, parts: readonly (Counted | undefined)[], hint = ''): number {
  const present = parts.filter((p): p is Counted => p !== undefined)
  const sum = present.reduce((s, p) => s + p.value, 0)
  if (sum > total.value) {
    const what = present.map((p) => `${p.path} (${p.value})`).join(' + ')
    throw new UsageFieldError(`${what} exceeds ${total.path} (${total.value})${hint}`)
  }
  return total.value - sum
}

export function optionalRecord(v: unknown, path: string): UsageRecord | undefined {
  if (v === undefined || v === null) return undefined
  if (!isRecord(v)) throw new UsageFieldError(`${path} must be an object (got ${describeValue(v)})`)
  return v
}

// Bounds for fields we do not read: providers add fields over time (service_tier, server_tool_use,
// cost_details…) and those are kept in raw_usage, so they must stay small plain JSON.
const MAX_DEPTH = 3
const MAX_ENTRIES = 64
const MAX_STRING = 256

function isPlainValue(v: unknown, depth: number): boolean {
  if (v === null || typeof v === 'boolean') return true
  if (typeof v === 'number') return Number.isFinite(v)
  if (typeof v === 'string') return v.length <= MAX_STRING
  if (depth >= MAX_DEPTH) return false
  if (Array.isArray(v)) return v.length <= MAX_ENTRIES && v.every((x) => isPlainValue(x, depth + 1))
  if (!isRecord(v)) return false
  const values = Object.values(v)
  return values.length <= MAX_ENTRIES && values.every((x) => isPlainValue(x, depth + 1))
}

export function checkOtherFields(r: UsageRecord, known: ReadonlySet<string>, path: string): void {
  const keys = Object.keys(r)
  if (keys.length > MAX_ENTRIES) throw new UsageFieldError(`${path} has more than ${MAX_ENTRIES} fields`)
  for (const key of keys) {
    if (known.has(key) || r[key] === undefined) continue
    if (!isPlainValue(r[key], 0)) {
      throw new UsageFieldError(
        `${path}.${key} must be a plain JSON value (number, string ≤ ${MAX_STRING} chars, boolean, null, or a small object/array nested ≤ ${MAX_DEPTH} deep)`,
      )
    }
  }
}

// Catches a payload of one provider's shape parsed as another's, which would otherwise drop
// cache or reasoning tokens silently (they would look like tolerated unknown fields).
export function rejectForeignFields(r: UsageRecord, foreign: readonly string[], shapeName: string): void {
  for (const key of foreign) {
    if (hasValue(r, key)) {
      throw new UsageFieldError(`usage.${key} is not a field of ${shapeName} usage; check the provider or send the flat token fields`)
    }
  }
}
