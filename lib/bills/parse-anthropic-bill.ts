import { Decimal } from '@/lib/pricing/decimal'
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import type { ParsedBill } from './bill-line'
import { addTokens, nullableText, optionalTokens, tokenCount } from './bill-page-schema'
import { asObject, type JsonValue } from './read-json-documents'
import { parseReportPages, reportKind, type BucketReading } from './report-pages'

// Anthropic Admin API pages: GET /v1/organizations/cost_report, whose `amount` is a decimal string in the
// LOWEST currency unit ("123.45" USD = $1.2345), and GET /v1/organizations/usage_report/messages (tokens
// per bucket: uncached input + cache creation (5m, 1h) + cache reads + output = every billed token).

const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/, { error: 'expected a decimal string (lowest currency unit, e.g. "123.45")' })

const costResult = z.looseObject({
  amount: decimalString,
  currency: z.string().min(1),
  cost_type: nullableText,
  token_type: nullableText,
  model: nullableText,
  service_tier: nullableText,
  context_window: nullableText,
  workspace_id: nullableText,
  description: nullableText,
  inference_geo: nullableText,
})

const usageResult = z.looseObject({
  uncached_input_tokens: tokenCount,
  cache_creation: z.looseObject({ ephemeral_1h_input_tokens: optionalTokens, ephemeral_5m_input_tokens: optionalTokens }).nullish(),
  cache_read_input_tokens: optionalTokens,
  output_tokens: tokenCount,
  model: nullableText,
  api_key_id: nullableText,
  workspace_id: nullableText,
  service_tier: nullableText,
  context_window: nullableText,
  inference_geo: nullableText,
})

const rfc3339 = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { error: 'expected an RFC 3339 timestamp' })
const page = <T extends z.ZodType>(result: T) =>
  z.looseObject({
    data: z.array(z.looseObject({ starting_at: rfc3339, ending_at: rfc3339, results: z.array(result) }), { error: 'expected an Anthropic report page ({"data": [...]})' }),
    has_more: z.boolean().nullish(),
  })

function kindOf(doc: JsonValue): 'cost' | 'usage' | null {
  const data = asObject(doc)?.data
  if (!Array.isArray(data)) return null
  for (const b of data) {
    const results = asObject(b)?.results
    const first = Array.isArray(results) ? asObject(results[0]) : null
    if (first) {
      if ('amount' in first) return 'cost'
      if ('uncached_input_tokens' in first) return 'usage'
      return null
    }
  }
  return 'cost'
}

function dayOf(startingAt: string, endingAt: string, where: string): { day: string; bucket: string } {
  const s = new Date(startingAt)
  const e = new Date(endingAt)
  const day = s.toISOString().slice(0, 10)
  if (e <= s || new Date(e.getTime() - 1).toISOString().slice(0, 10) !== day) {
    throw new AppError('invalid', `${where}: the bucket ${startingAt}..${endingAt} is not within one UTC day (use bucket_width=1d or 1h)`)
  }
  return { day, bucket: s.toISOString() }
}

const bucketOf = <R>(b: { starting_at: string; ending_at: string; results: R[] }, where: string): BucketReading<R> => ({ ...dayOf(b.starting_at, b.ending_at, where), results: b.results })

const key = (...parts: (string | null | undefined)[]) => parts.map((p) => p ?? '').join('|')

const kinds = {
  cost: reportKind({
    provider: 'anthropic',
    measure: 'cost',
    page: page(costResult),
    bucket: (b, where) => bucketOf(b, where),
    line: (r) => ({
      lineKey: key(r.description, r.model, r.cost_type, r.token_type, r.service_tier, r.context_window, r.workspace_id, r.inference_geo),
      // Non-token costs (web search, code execution) name no model: they stay visible as their own line.
      modelRaw: r.model ?? r.description ?? r.cost_type ?? 'unattributed (not grouped by description)',
      tokenKind: r.token_type ?? r.cost_type ?? null,
      currency: r.currency.toUpperCase(),
      // Cents → currency units, exactly.
      amount: new Decimal(r.amount).dividedBy(100).toFixed(),
      tokens: null,
      requests: null,
    }),
  }),
  usage: reportKind({
    provider: 'anthropic',
    measure: 'usage',
    page: page(usageResult),
    bucket: (b, where) => bucketOf(b, where),
    line: (r) => ({
      lineKey: key(r.model, r.api_key_id, r.workspace_id, r.service_tier, r.context_window, r.inference_geo),
      modelRaw: r.model ?? 'unattributed (not grouped by model)',
      tokenKind: null,
      currency: null,
      amount: null,
      tokens: addTokens(r.uncached_input_tokens, r.cache_creation?.ephemeral_1h_input_tokens, r.cache_creation?.ephemeral_5m_input_tokens, r.cache_read_input_tokens, r.output_tokens),
      requests: null,
    }),
  }),
}

export function parseAnthropicBill(docs: readonly JsonValue[], fileName: string): ParsedBill {
  return parseReportPages(docs, fileName, (doc, where) => {
    const kind = kindOf(doc)
    if (!kind) throw new AppError('invalid', `${where}: not an Anthropic cost_report or usage_report/messages page: expected {"data": [{"starting_at", "ending_at", "results": [...]}]}`)
    return kinds[kind]
  })
}
