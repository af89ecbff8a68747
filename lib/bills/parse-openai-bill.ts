import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { utcDayOfSeconds, type ParsedBill } from './bill-line'
import { addTokens, exactNumber, nullableText, optionalTokens, tokenCount } from './bill-page-schema'
import { asObject, type JsonNumber, type JsonValue } from './read-json-documents'
import { parseReportPages, reportKind, type BucketReading } from './report-pages'

// OpenAI Admin API pages: GET /v1/organization/costs (amount.value in currency units, a JSON number;
// line_item like "gpt-4o-2024-08-06, input" with group_by=line_item) and
// GET /v1/organization/usage/completions (tokens per bucket × model; input_tokens includes cached and
// cache-write tokens, so input + output is every billed token).

const costResult = z.looseObject({
  object: z.literal('organization.costs.result'),
  amount: z.looseObject({ value: exactNumber, currency: z.string().min(1) }),
  line_item: nullableText,
  project_id: nullableText,
  api_key_id: nullableText,
})

const usageResult = z.looseObject({
  object: z.literal('organization.usage.completions.result'),
  input_tokens: tokenCount,
  output_tokens: tokenCount,
  num_model_requests: optionalTokens,
  model: nullableText,
  project_id: nullableText,
  user_id: nullableText,
  api_key_id: nullableText,
  batch: z.boolean().nullish(),
  service_tier: nullableText,
})

const unixSeconds = exactNumber.refine((n) => /^\d+$/.test(n.raw), { error: 'expected Unix seconds' })

const bucket = <T extends z.ZodType>(result: T) =>
  z.looseObject({
    object: z.literal('bucket'),
    start_time: unixSeconds,
    end_time: unixSeconds,
    // The reference shows `results`; a few generated clients spell it `result`.
    results: z.array(result).optional(),
    result: z.array(result).optional(),
  })

const page = <T extends z.ZodType>(result: T) =>
  z.looseObject({ object: z.literal('page', { error: 'expected an OpenAI page ("object": "page")' }), data: z.array(bucket(result)), has_more: z.boolean().nullish() })

type Kind = 'costs' | 'usage'

function kindOf(doc: JsonValue): Kind | null {
  const data = asObject(doc)?.data
  if (!Array.isArray(data)) return null
  for (const b of data) {
    const o = asObject(b)
    const results = Array.isArray(o?.results) ? o.results : Array.isArray(o?.result) ? o.result : []
    const first = asObject(results[0])
    if (first) {
      if (first.object === 'organization.costs.result') return 'costs'
      if (first.object === 'organization.usage.completions.result') return 'usage'
      return null
    }
  }
  return 'costs' // an empty page: nothing to load either way
}

/** "gpt-4o-2024-08-06, cached input" → model and token kind; a line item without a comma is all model. */
export function splitLineItem(lineItem: string): { model: string; kind: string | null } {
  const comma = lineItem.lastIndexOf(',')
  if (comma < 0) return { model: lineItem.trim(), kind: null }
  return { model: lineItem.slice(0, comma).trim(), kind: lineItem.slice(comma + 1).trim() || null }
}

function dayOf(start: string, end: string, where: string): { day: string; bucket: string } {
  const s = Number(start)
  const e = Number(end)
  const day = utcDayOfSeconds(s)
  if (e <= s || utcDayOfSeconds(e - 1) !== day) throw new AppError('invalid', `${where}: the bucket ${start}..${end} is not within one UTC day (export with bucket_width=1d or 1h)`)
  return { day, bucket: new Date(s * 1000).toISOString() }
}

const bucketOf = <R>(b: { start_time: JsonNumber; end_time: JsonNumber; results?: R[]; result?: R[] }, where: string): BucketReading<R> => ({
  ...dayOf(b.start_time.raw, b.end_time.raw, where),
  results: b.results ?? b.result ?? [],
})

const kinds = {
  costs: reportKind({
    provider: 'openai',
    measure: 'cost',
    page: page(costResult),
    bucket: (b, where) => bucketOf(b, where),
    line: (r) => {
      const { model, kind: tokenKind } = r.line_item ? splitLineItem(r.line_item) : { model: 'unattributed (not grouped by line_item)', kind: null }
      return {
        lineKey: [r.line_item ?? '', r.project_id ?? '', r.api_key_id ?? ''].join('|'),
        modelRaw: model,
        tokenKind,
        currency: r.amount.currency.toUpperCase(),
        amount: r.amount.value.raw,
        tokens: null,
        requests: null,
      }
    },
  }),
  usage: reportKind({
    provider: 'openai',
    measure: 'usage',
    page: page(usageResult),
    bucket: (b, where) => bucketOf(b, where),
    line: (r) => ({
      lineKey: [r.model ?? '', r.project_id ?? '', r.user_id ?? '', r.api_key_id ?? '', r.batch ?? '', r.service_tier ?? ''].join('|'),
      modelRaw: r.model ?? 'unattributed (not grouped by model)',
      tokenKind: null,
      currency: null,
      amount: null,
      tokens: addTokens(r.input_tokens, r.output_tokens),
      requests: r.num_model_requests?.raw ?? null,
    }),
  }),
}

export function parseOpenAiBill(docs: readonly JsonValue[], fileName: string): ParsedBill {
  return parseReportPages(docs, fileName, (doc, where) => {
    const kind = kindOf(doc)
    if (!kind) throw new AppError('invalid', `${where}: not an OpenAI Costs or Usage (completions) page: expected {"object": "page", "data": [{"object": "bucket", "results": [...]}]}`)
    return kinds[kind]
  })
}
