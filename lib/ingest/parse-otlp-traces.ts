import { normalizeOtelUsage, type OtelAttributes } from '@/lib/usage/normalize-otel-usage'
import { otelOperationTasks, otelProviderRenames, readOtelAttribute } from '@/lib/usage/otel-genai-attributes'
import { taskTypes, dataClasses } from './usage-event-schema'

// OTLP/HTTP JSON, or protobuf decoded to the same shape (ExportTraceServiceRequest) → usage events in the public event shape, so they go
// through exactly the same validation, pricing and idempotent insert as POST /api/v1/usage.

export type OtlpParseResult = {
  events: Record<string, unknown>[]
  /** The span each event came from ("resourceSpans[0].scopeSpans[1].spans[2]"), index for index. */
  eventSpans: string[]
  /** Spans that carried GenAI usage but could not become an event, with why. */
  rejected: { span: string; error: string }[]
  /** Spans without GenAI usage: not errors, just not ours. */
  ignored: number
}

type AnyValue = { stringValue?: unknown; intValue?: unknown; doubleValue?: unknown; boolValue?: unknown }
type KeyValue = { key?: unknown; value?: AnyValue }

const MAX_SPANS = 10_000

export class OtlpShapeError extends Error {}

function flattenAttributes(list: unknown, where: string): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = Object.create(null)
  if (list === undefined) return out
  if (!Array.isArray(list)) throw new OtlpShapeError(`${where}: attributes must be an array`)
  for (const kv of list as KeyValue[]) {
    if (!kv || typeof kv.key !== 'string' || !kv.value || typeof kv.value !== 'object') continue
    const v = kv.value
    if (typeof v.stringValue === 'string') out[kv.key] = v.stringValue
    else if (typeof v.intValue === 'string' || typeof v.intValue === 'number') out[kv.key] = typeof v.intValue === 'number' ? v.intValue : v.intValue
    else if (typeof v.doubleValue === 'number') out[kv.key] = v.doubleValue
    else if (typeof v.boolValue === 'boolean') out[kv.key] = v.boolValue
  }
  return out
}

/** OTLP/JSON ids are hex; some encoders send base64 (the protobuf JSON mapping); protobuf has bytes. */
export function normaliseOtlpId(id: unknown, bytes: number): string | null {
  if (id instanceof Uint8Array) return id.length === bytes ? Buffer.from(id.buffer, id.byteOffset, id.length).toString('hex') : null
  if (typeof id !== 'string') return null
  if (new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(id)) return id.toLowerCase()
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(id)) {
    const buf = Buffer.from(id, 'base64')
    if (buf.length === bytes) return buf.toString('hex')
  }
  return null
}

function nanosToDate(v: unknown): Date | null {
  const s = typeof v === 'number' ? String(Math.trunc(v)) : v
  if (typeof s !== 'string' || !/^\d{1,20}$/.test(s)) return null
  const ms = Number(BigInt(s) / 1_000_000n)
  const d = new Date(ms)
  return Number.isNaN(d.getTime()) || ms <= 0 ? null : d
}

/** A table lookup that a span cannot steer to Object.prototype ("constructor", "__proto__"). */
function ownValue<V>(table: Readonly<Record<string, V>>, key: unknown): V | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined
}

export function parseOtlpTraces(body: unknown): OtlpParseResult {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new OtlpShapeError('expected an ExportTraceServiceRequest JSON object')
  const resourceSpans = (body as { resourceSpans?: unknown }).resourceSpans
  if (resourceSpans === undefined) return { events: [], eventSpans: [], rejected: [], ignored: 0 }
  if (!Array.isArray(resourceSpans)) throw new OtlpShapeError('resourceSpans must be an array')

  const result: OtlpParseResult = { events: [], eventSpans: [], rejected: [], ignored: 0 }
  let spanCount = 0
  resourceSpans.forEach((rs: { resource?: { attributes?: unknown }; scopeSpans?: unknown }, ri) => {
    if (!rs || typeof rs !== 'object') throw new OtlpShapeError(`resourceSpans[${ri}] must be an object`)
    const resourceAttrs = flattenAttributes(rs.resource?.attributes, `resourceSpans[${ri}].resource`)
    if (rs.scopeSpans !== undefined && !Array.isArray(rs.scopeSpans)) throw new OtlpShapeError(`resourceSpans[${ri}].scopeSpans must be an array`)
    ;((rs.scopeSpans as unknown[]) ?? []).forEach((ss, si) => {
      const spans = (ss as { spans?: unknown })?.spans
      if (spans === undefined) return
      if (!Array.isArray(spans)) throw new OtlpShapeError(`resourceSpans[${ri}].scopeSpans[${si}].spans must be an array`)
      spans.forEach((span: Record<string, unknown>, pi) => {
        if (++spanCount > MAX_SPANS) throw new OtlpShapeError(`too many spans in one request (max ${MAX_SPANS})`)
        const where = `resourceSpans[${ri}].scopeSpans[${si}].spans[${pi}]`
        if (!span || typeof span !== 'object') throw new OtlpShapeError(`${where} must be an object`)
        const attrs: OtelAttributes = { ...resourceAttrs, ...flattenAttributes(span.attributes, where) }
        let usage
        try {
          usage = normalizeOtelUsage(attrs)
        } catch (e) {
          usage = { ok: false as const, error: (e as Error).message }
        }
        if (usage === null) {
          result.ignored++
          return
        }
        const reject = (error: string) => result.rejected.push({ span: where, error: `${where}: ${error}` })
        if (!usage.ok) return reject(usage.error)
        const traceId = normaliseOtlpId(span.traceId, 16)
        const spanId = normaliseOtlpId(span.spanId, 8)
        if (!traceId || !spanId) return reject('traceId (16 bytes) and spanId (8 bytes) must be hex or base64')
        const end = nanosToDate(span.endTimeUnixNano)
        if (!end) return reject('endTimeUnixNano must be a positive integer (nanoseconds since the epoch)')
        const start = nanosToDate(span.startTimeUnixNano)
        const model = str(readOtelAttribute(attrs, 'model'))
        if (!model) return reject('gen_ai.request.model or gen_ai.response.model is required')
        const sentProvider = str(readOtelAttribute(attrs, 'provider'))
        const provider = sentProvider && (ownValue(otelProviderRenames, sentProvider) ?? sentProvider)
        const task = str(readOtelAttribute(attrs, 'task')) ?? ownValue(otelOperationTasks, readOtelAttribute(attrs, 'operation'))
        const dataClass = str(readOtelAttribute(attrs, 'dataClass'))
        const b = usage.buckets
        result.eventSpans.push(where)
        result.events.push({
          id: `${traceId}${spanId}`,
          timestamp: end.toISOString(),
          model,
          ...(provider ? { provider } : {}),
          input_tokens: b.input,
          cache_read_tokens: b.cacheRead,
          cache_write_tokens: b.cacheWrite,
          output_tokens: b.output,
          reasoning_tokens: b.reasoning,
          ...(start && end >= start ? { latency_ms: end.getTime() - start.getTime() } : {}),
          ...(task && (taskTypes as readonly string[]).includes(task) ? { task } : {}),
          ...(dataClass && (dataClasses as readonly string[]).includes(dataClass) ? { data_class: dataClass } : {}),
        })
      })
    })
  })
  return result
}
