import { util } from 'zod/v4/core'
import { describeZodError, isStorableText, MAX_TOKENS_PER_BUCKET, dataClasses, taskTypes, usageEventSchema, type UsageEventInput } from './usage-event-schema'

// The per-event check on the ingest hot path. usageEventSchema (zod) is the contract and the only source
// of error messages; fastParseUsageEvent is a hand-written copy of it for the common well-formed event
// (a JSON object as JSON.parse makes it), about 10× cheaper, which gives up — returns null — on anything
// it is not sure about. parse-usage-event.test.ts proves on generated events that it accepts exactly what
// the schema accepts and returns what the schema returns. One rule lives outside the schema, because
// z.record cannot see it: a tag named "__proto__" is refused (parseUsageEvent).

const MAX_LATENCY_MS = 86_400_000
const MAX_TAGS = 20
const TASKS: ReadonlySet<unknown> = new Set(taskTypes)
const DATA_CLASSES: ReadonlySet<unknown> = new Set(dataClasses)
// The schema's own RFC 3339 pattern, so the two can never disagree on a timestamp.
const TIMESTAMP = readTimestampPattern()

function readTimestampPattern(): RegExp {
  const pattern = (usageEventSchema.shape.timestamp as unknown as { _zod: { def: { pattern?: unknown } } })._zod.def.pattern
  if (!(pattern instanceof RegExp)) throw new Error('usageEventSchema.timestamp has no pattern: fastParseUsageEvent needs updating')
  return pattern
}

function isJsonObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype
}

// zod measures strings in code points (a surrogate pair is one), using this same function past the limit.
const fitsLength = (s: string, max: number) => s.length <= max || util.codePointLength(s) <= max

const isCount = (v: unknown, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max

// zod copies records key by key: an own "__proto__" key would become the copy's prototype, not a key.
// Such objects (and the odd "constructor" key) are left to the schema so that the output stays its output.
const hasAwkwardKey = (o: object) => Object.hasOwn(o, '__proto__') || Object.hasOwn(o, 'constructor')

function isTagRecord(v: unknown): boolean {
  if (!isJsonObject(v) || hasAwkwardKey(v)) return false
  let n = 0
  for (const k in v) {
    const value = v[k]
    if (++n > MAX_TAGS || k.length === 0 || !fitsLength(k, 64) || !isStorableText(k) || typeof value !== 'string' || !fitsLength(value, 256) || !isStorableText(value)) return false
  }
  return true
}

/**
 * usageEventSchema's answer for a valid event, or null: "not valid, or not sure" — ask the schema.
 * The result may be the input object itself (when no string needed trimming): treat it as read-only.
 */
export function fastParseUsageEvent(raw: unknown): UsageEventInput | null {
  if (!isJsonObject(raw)) return null
  let id: unknown, timestamp: unknown, model: unknown, provider: unknown
  for (const k in raw) {
    const v = raw[k]
    switch (k) {
      case 'id':
        id = v
        break
      case 'timestamp':
        timestamp = v
        break
      case 'model':
        model = v
        break
      case 'provider':
        provider = v
        break
      case 'usage':
        if (v !== undefined && (!isJsonObject(v) || hasAwkwardKey(v))) return null
        break
      case 'input_tokens':
      case 'output_tokens':
      case 'cache_read_tokens':
      case 'cache_write_tokens':
      case 'reasoning_tokens':
        if (v !== undefined && !isCount(v, MAX_TOKENS_PER_BUCKET)) return null
        break
      case 'latency_ms':
        if (v !== undefined && !isCount(v, MAX_LATENCY_MS)) return null
        break
      case 'task':
        if (v !== undefined && !TASKS.has(v)) return null
        break
      case 'data_class':
        if (v !== undefined && !DATA_CLASSES.has(v)) return null
        break
      case 'tags':
        if (v !== undefined && !isTagRecord(v)) return null
        break
      default:
        return null
    }
  }
  if (typeof id !== 'string' || id.length === 0 || !fitsLength(id, 128) || !isStorableText(id)) return null
  if (typeof timestamp !== 'string' || !TIMESTAMP.test(timestamp)) return null
  if (typeof model !== 'string') return null
  const trimmedModel = model.trim()
  if (trimmedModel.length === 0 || !fitsLength(trimmedModel, 200) || !isStorableText(trimmedModel)) return null
  let trimmedProvider: string | undefined
  if (provider !== undefined) {
    if (typeof provider !== 'string') return null
    trimmedProvider = provider.trim()
    if (trimmedProvider.length === 0 || !fitsLength(trimmedProvider, 64) || !isStorableText(trimmedProvider)) return null
  }
  const event = raw as UsageEventInput
  if (trimmedModel === model && trimmedProvider === provider) return event
  return { ...event, model: trimmedModel, provider: trimmedProvider }
}

export type ParsedUsageEvent = { ok: true; event: UsageEventInput } | { ok: false; error: string }

/**
 * The fast check, else the schema: same acceptance, same data, and the schema's words for what is wrong
 * ("events[3].usage.prompt_tokens: …", `index` being the event's place in the batch).
 */
export function parseUsageEvent(raw: unknown, index: number): ParsedUsageEvent {
  const fast = fastParseUsageEvent(raw)
  if (fast !== null) return { ok: true, event: fast }
  const parsed = usageEventSchema.safeParse(raw)
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error, `events[${index}]`) }
  // The schema skips a tag named "__proto__" silently; storing the event without it would not be what was sent.
  const tags = (raw as { tags?: unknown }).tags
  if (typeof tags === 'object' && tags !== null && Object.hasOwn(tags, '__proto__')) return { ok: false, error: `events[${index}].tags: '__proto__' is not allowed as a tag name` }
  return { ok: true, event: parsed.data }
}
