import { z } from 'zod'
import { dataClasses, MAX_TOKENS_PER_BUCKET, taskTypes } from '@/lib/ingest/usage-event-schema'
import { describeValue } from '@/lib/usage/usage-fields'

// The public contract of POST /api/v1/route (also for the API docs page).

// Never String() a hostile JSON value: {"toString": 1} throws and deeply nested arrays overflow the stack.
const quoted = (v: unknown) => (typeof v === 'string' ? `'${v.slice(0, 100)}'` : describeValue(v))

const tokens = (field: string) =>
  z
    .number({ error: `${field} must be a whole number of tokens` })
    .int({ error: `${field} must be a whole number of tokens` })
    .min(0, { error: `${field} must not be negative` })
    .max(MAX_TOKENS_PER_BUCKET, { error: `${field} must be at most ${MAX_TOKENS_PER_BUCKET}` })

export const routeRequestSchema = z
  .object({
    task: z.enum(taskTypes, { error: (iss) => (iss.input === undefined ? 'task is required' : `unknown task ${quoted(iss.input)} (allowed: ${taskTypes.join(', ')})`) }),
    data_class: z.enum(dataClasses, {
      error: (iss) => (iss.input === undefined ? 'data_class is required' : `unknown data_class ${quoted(iss.input)} (allowed: ${dataClasses.join(', ')})`),
    }),
    latency_budget_ms: z
      .number({ error: 'latency_budget_ms must be a whole number of milliseconds' })
      .int({ error: 'latency_budget_ms must be a whole number of milliseconds' })
      .min(1, { error: 'latency_budget_ms must be at least 1' })
      .max(86_400_000, { error: 'latency_budget_ms must be at most 86400000 (a day)' })
      .optional(),
    expected_input_tokens: tokens('expected_input_tokens').optional(),
    expected_output_tokens: tokens('expected_output_tokens').optional(),
    critical: z.boolean({ error: 'critical must be true or false' }).optional(),
    candidates: z
      .array(z.string({ error: 'candidates must be model slugs' }).trim().min(1, { error: 'a candidate must not be empty' }).max(200))
      .min(1, { error: 'candidates, when given, must name at least one model' })
      .max(50, { error: 'at most 50 candidates' })
      .optional(),
  })
  .strict()

export type RouteRequestBody = z.infer<typeof routeRequestSchema>
