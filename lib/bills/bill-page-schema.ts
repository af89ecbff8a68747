import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { jsonPath, JsonNumber, type JsonValue } from './read-json-documents'

// Pieces shared by the OpenAI and Anthropic page schemas: exact numbers and messages that name the path.

export const exactNumber = z.instanceof(JsonNumber, { error: 'expected a number' })
export const tokenCount = exactNumber.refine((n) => /^\d+$/.test(n.raw), { error: 'expected a non-negative whole number of tokens' })
export const optionalTokens = tokenCount.nullish()
export const nullableText = z.string().nullish()

/** Validates one page against a schema, or throws naming the file, page and JSON path of the first problem. */
export function parsePage<T>(schema: z.ZodType<T>, doc: JsonValue, where: string): T {
  const parsed = schema.safeParse(doc)
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
