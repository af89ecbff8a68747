import { z } from 'zod'

// The public contract of POST /api/v1/usage (also used for the OpenAPI document).
export const taskTypes = ['chat', 'code', 'math', 'reasoning', 'realtime', 'batch', 'summarize', 'extract', 'classify', 'translate', 'embedding', 'other'] as const
export const dataClasses = ['public', 'internal', 'confidential', 'restricted'] as const
export const flatTokenFields = ['input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_write_tokens', 'reasoning_tokens'] as const

export const MAX_EVENTS_PER_BATCH = 1000
export const MAX_BODY_BYTES = 4 * 1024 * 1024
export const MAX_TOKENS_PER_BUCKET = 1_000_000_000
export const MAX_RAW_USAGE_BYTES = 4096

const tokenCount = z.number().int().min(0).max(MAX_TOKENS_PER_BUCKET)

/**
 * PostgreSQL text and jsonb cannot hold U+0000, and an unpaired UTF-16 surrogate has no UTF-8 form (it
 * would be stored as U+FFFD, so two different ids could become one). Such strings are refused per event,
 * before they can fail the whole batch's INSERT.
 */
export function isStorableText(s: string): boolean {
  return s.isWellFormed() && !s.includes('\u0000')
}
export const UNSTORABLE_TEXT = 'must not contain U+0000 or unpaired UTF-16 surrogates'

export const usageEventSchema = z
  .object({
    id: z.string().min(1).max(128).refine(isStorableText, UNSTORABLE_TEXT),
    timestamp: z.iso.datetime({ offset: true }),
    model: z.string().trim().min(1).max(200).refine(isStorableText, UNSTORABLE_TEXT),
    provider: z.string().trim().min(1).max(64).refine(isStorableText, UNSTORABLE_TEXT).optional(),
    usage: z.record(z.string(), z.unknown()).optional(),
    input_tokens: tokenCount.optional(),
    output_tokens: tokenCount.optional(),
    cache_read_tokens: tokenCount.optional(),
    cache_write_tokens: tokenCount.optional(),
    reasoning_tokens: tokenCount.optional(),
    latency_ms: z.number().int().min(0).max(86_400_000).optional(),
    task: z.enum(taskTypes).optional(),
    data_class: z.enum(dataClasses).optional(),
    tags: z
      // z.record skips a "__proto__" key without a word (parseUsageEvent refuses it: the tag would vanish).
      .record(z.string().min(1).max(64).refine(isStorableText, UNSTORABLE_TEXT), z.string().max(256).refine(isStorableText, UNSTORABLE_TEXT))
      .refine((t) => Object.keys(t).length <= 20, 'at most 20 tags')
      .optional(),
  })
  .strict()

export type UsageEventInput = z.infer<typeof usageEventSchema>

export const usageEnvelopeSchema = z
  .object({ events: z.array(z.unknown()).min(1).max(MAX_EVENTS_PER_BATCH) })
  .strict()

/** "events[3].usage.prompt_tokens: expected number" — what was wrong and where. */
export function describeZodError(err: z.ZodError, prefix = ''): string {
  return err.issues
    .slice(0, 5)
    .map((i) => {
      const path = [prefix, ...i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('').replace(/^\./, '')
      if (i.code === 'unrecognized_keys') return `${path ? `${path}: ` : ''}unknown field(s) ${i.keys.map((k) => `'${k}'`).join(', ')}`
      return `${path || '(root)'}: ${i.message}`
    })
    .join('; ')
}
