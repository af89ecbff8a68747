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

export const usageEventSchema = z
  .object({
    id: z.string().min(1).max(128),
    timestamp: z.iso.datetime({ offset: true }),
    model: z.string().trim().min(1).max(200),
    provider: z.string().trim().min(1).max(64).optional(),
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
      .record(z.string().min(1).max(64), z.string().max(256))
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
