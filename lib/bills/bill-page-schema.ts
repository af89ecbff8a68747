import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { jsonPath, JsonNumber, type JsonValue } from './read-json-documents'

// Pieces shared by the OpenAI and Anthropic page schemas: exact numbers and messages that name the path.

export const exactNumber = z.instanceof(JsonNumber, { error: 'expected a number' })
export const tokenCount = exactNumber.refine((n) => /^\d+$/.test(n.raw), { error: 'expected a non-negative whole number of tokens' })
export const optionalTokens = tokenCount.nullish()
export const nullableText = z.string().nullish()

const kinds: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'an object', null: 'null' }

function found(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null || typeof value === 'boolean') return String(value)
  if (value instanceof JsonNumber) return `the number ${value.raw}`
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
  return Array.isArray(value) ? 'a list' : 'an object'
}

// Zod's own wording ("Invalid input: expected string, received undefined") in words that fit after
// the JSON path: "$.data[0].results[0].currency: missing (expected text)".
const plainIssue: z.core.$ZodErrorMap = (iss) => {
  if (iss.code === 'invalid_type') {
    const expected = kinds[iss.expected] ?? iss.expected
    return iss.input === undefined ? `missing (expected ${expected})` : `expected ${expected}, found ${found(iss.input)}`
  }
  if (iss.code === 'invalid_value') return `expected ${iss.values.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v))).join(' or ')}, found ${found(iss.input)}`
  if (iss.code === 'too_small' && iss.origin === 'string') return 'must not be empty'
  return undefined
}

/** Validates one page against a schema, or throws naming the file, page and JSON path of the first problem. */
export function parsePage<T>(schema: z.ZodType<T>, doc: JsonValue, where: string): T {
  const parsed = schema.safeParse(doc, { error: plainIssue })
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new AppError('invalid', `${where}: ${jsonPath('$', issue?.path ?? [])}: ${issue?.message ?? 'invalid'}`)
}

/** Sum of integer token strings as an integer string (BigInt: totals may pass 2^53). */
export function addTokens(...parts: (JsonNumber | null | undefined)[]): string {
  return parts.reduce((acc, p) => acc + BigInt(p?.raw ?? '0'), 0n).toString()
}

/** The pages a document holds: one page, or an array of pages. */
export function pagesOf(docs: readonly JsonValue[]): { doc: JsonValue; index: number }[] {
  const out: { doc: JsonValue; index: number }[] = []
  for (const d of docs) for (const page of Array.isArray(d) ? d : [d]) out.push({ doc: page, index: out.length })
  return out
}

export function hasMoreWarning(fileName: string, lastHasMore: boolean | undefined): string[] {
  return lastHasMore ? [`${fileName}: the last page says has_more: true — pages after it are missing from this file`] : []
}
