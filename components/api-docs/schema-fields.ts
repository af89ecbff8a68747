import type { JsonSchema } from './openapi-types'

export type SchemaField = {
  name: string
  type: string
  required: boolean
  description: string | null
  enumValues: string[] | null
  constraints: string[]
}

const MAX_DEPTH = 4
const nf = new Intl.NumberFormat('en-US')

export function refName(ref: string): string {
  return ref.split('/').pop() ?? ref
}

export function resolveSchema(schema: JsonSchema | undefined, components: Record<string, JsonSchema>): JsonSchema {
  let s = schema ?? {}
  for (let i = 0; i < 10 && s.$ref; i++) s = components[refName(s.$ref)] ?? {}
  return s
}

function isObjectWithProps(s: JsonSchema): boolean {
  return !!s.properties && Object.keys(s.properties).length > 0
}

function isRecord(s: JsonSchema): boolean {
  return !s.properties && typeof s.additionalProperties === 'object'
}

/** "string", "integer", "array of UsageEvent", "map string → string", "string | null". */
export function typeLabel(raw: JsonSchema, components: Record<string, JsonSchema>): string {
  if (raw.$ref) return refName(raw.$ref)
  const variants = raw.anyOf ?? raw.oneOf
  if (variants) return [...new Set(variants.map((v) => typeLabel(v, components)))].join(' | ')
  if (raw.const !== undefined) return JSON.stringify(raw.const)
  const types = Array.isArray(raw.type) ? raw.type : raw.type ? [raw.type] : []
  if (types.includes('array')) {
    const item = raw.items ? typeLabel(raw.items, components) : 'any'
    return `array of ${item}`
  }
  if (types.includes('object') || raw.properties) {
    if (isRecord(raw)) {
      const value = raw.additionalProperties as JsonSchema
      const valueType = Object.keys(value).length === 0 ? 'any' : typeLabel(value, components)
      return `map string → ${valueType}`
    }
    return 'object'
  }
  if (types.length > 0) return types.join(' | ')
  return raw.enum ? 'string' : 'any'
}

function range(min: number | undefined, max: number | undefined, unit: string): string | null {
  if (min === undefined && max === undefined) return null
  if (min !== undefined && max !== undefined) return min === max ? `${nf.format(min)} ${unit}` : `${nf.format(min)}–${nf.format(max)} ${unit}`.trim()
  return min !== undefined ? `≥ ${nf.format(min)} ${unit}`.trim() : `≤ ${nf.format(max!)} ${unit}`.trim()
}

export function constraintsOf(s: JsonSchema): string[] {
  const out: string[] = []
  const chars = range(s.minLength, s.maxLength, 'characters')
  if (chars) out.push(chars)
  const values = range(s.minimum, s.maximum, '')
  if (values) out.push(values)
  const items = range(s.minItems, s.maxItems, 'items')
  if (items) out.push(items)
  if (s.format === 'date-time') out.push('ISO 8601 date-time with offset, e.g. 2025-01-31T12:00:00Z')
  else if (s.format) out.push(`format ${s.format}`)
  else if (s.pattern && s.pattern.length <= 40) out.push(`pattern ${s.pattern}`)
  if (s.propertyNames) {
    const keys = range(s.propertyNames.minLength, s.propertyNames.maxLength, 'characters')
    if (keys) out.push(`keys ${keys}`)
  }
  if (isRecord(s)) {
    const value = s.additionalProperties as JsonSchema
    const v = range(value.minLength, value.maxLength, 'characters')
    if (v) out.push(`values ${v}`)
  }
  if (s.additionalProperties === false && isObjectWithProps(s)) out.push('no other fields')
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`)
  return out
}

/**
 * The fields of a JSON schema as table rows, nested fields named by path ("events[].usage").
 * $refs to components are followed; recursion stops at a few levels (no schema here is deeper).
 */
export function schemaFields(schema: JsonSchema | undefined, components: Record<string, JsonSchema>, prefix = '', depth = 0): SchemaField[] {
  const s = resolveSchema(schema, components)
  if (depth > MAX_DEPTH) return []
  if (!isObjectWithProps(s)) return []
  const required = new Set(s.required ?? [])
  const fields: SchemaField[] = []
  for (const [key, raw] of Object.entries(s.properties ?? {})) {
    const resolved = resolveSchema(raw, components)
    const name = `${prefix}${key}`
    const enumSource = resolved.enum ?? (resolved.anyOf ?? resolved.oneOf)?.flatMap((v) => v.enum ?? (v.const !== undefined ? [v.const] : []))
    fields.push({
      name,
      type: typeLabel(raw, components),
      required: required.has(key),
      description: raw.description ?? resolved.description ?? null,
      enumValues: enumSource && enumSource.length > 0 ? enumSource.map((e) => String(e)) : null,
      constraints: constraintsOf(resolved),
    })
    if (isObjectWithProps(resolved)) fields.push(...schemaFields(resolved, components, `${name}.`, depth + 1))
    const types = Array.isArray(resolved.type) ? resolved.type : [resolved.type]
    if (types.includes('array') && resolved.items) {
      const item = resolveSchema(resolved.items, components)
      if (isObjectWithProps(item)) fields.push(...schemaFields(item, components, `${name}[].`, depth + 1))
    }
  }
  return fields
}
