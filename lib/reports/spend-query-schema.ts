import { z } from 'zod'
import { isUtcDay, utcDaySpan } from '@/lib/time/utc-days'

// The one contract for a spend query, shared by the API route, the Spend page and tests.

export const spendGroupKeys = ['team', 'model', 'route', 'day', 'month'] as const
export type SpendGroupKey = (typeof spendGroupKeys)[number]

export const modelRoutes = ['dense', 'moe', 'reasoning', 'small'] as const
export type ModelRoute = (typeof modelRoutes)[number]

/** Longer windows belong in a monthly export, and the cap bounds what one request can scan. */
export const MAX_SPEND_RANGE_DAYS = 400

const day = (field: string) =>
  z.string({ error: `${field} is required (YYYY-MM-DD)` }).refine(isUtcDay, {
    error: (iss) => `${field} must be a real calendar day as YYYY-MM-DD (got '${String(iss.input)}')`,
  })

export const spendQuerySchema = z
  .object({
    from: day('from'),
    to: day('to'),
    groupBy: z
      .array(
        z.enum(spendGroupKeys, {
          error: (iss) => `unknown group_by value '${String(iss.input)}' (allowed: ${spendGroupKeys.join(', ')})`,
        }),
        { error: 'group_by must be a list' },
      )
      // Duplicates would repeat a column and change nothing else; drop them, keep the caller's order.
      .transform((keys) => [...new Set(keys)]),
    teamIds: z.union([z.literal('all'), z.array(z.number().int().positive())], { error: "teamIds must be 'all' or a list of team ids" }),
    modelKeys: z
      .array(
        z
          .string()
          .min(1)
          .max(200)
          // PostgreSQL text cannot hold NUL: the query would fail instead of finding nothing.
          .refine((m) => !m.includes('\u0000'), { error: 'a model name must not contain NUL (\\u0000) characters' }),
        { error: 'model must be a list of model names' },
      )
      .max(100, { error: 'at most 100 models per query' })
      .optional(),
    routes: z
      .array(
        z.enum(modelRoutes, {
          error: (iss) => `unknown route '${String(iss.input)}' (allowed: ${modelRoutes.join(', ')})`,
        }),
        { error: 'route must be a list' },
      )
      .optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (!isUtcDay(q.from) || !isUtcDay(q.to)) return
    const span = utcDaySpan(q.from, q.to)
    if (span < 1) ctx.addIssue({ code: 'custom', path: ['from'], message: `from (${q.from}) must not be after to (${q.to})` })
    else if (span > MAX_SPEND_RANGE_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `the range ${q.from}..${q.to} is ${span} days; at most ${MAX_SPEND_RANGE_DAYS} days per query` })
    }
  })

/** What callers pass: loose strings, because the schema is where they are checked (forms and query strings alike). */
export type SpendQueryInput = {
  from: string
  to: string
  groupBy: readonly string[]
  teamIds: readonly number[] | 'all'
  modelKeys?: readonly string[]
  routes?: readonly string[]
}
export type SpendQuery = z.output<typeof spendQuerySchema>

/** Every message names its own field, so they read well on their own in a 422. */
export function describeSpendQueryError(err: z.ZodError): string {
  return err.issues.map((i) => (i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.join(', ')}` : i.message)).join('; ')
}
