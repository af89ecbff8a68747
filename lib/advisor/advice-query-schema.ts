import { z } from 'zod'
import { addUtcDays, toUtcDay } from '@/lib/time/utc-days'

// GET /api/v1/advice?from=YYYY-MM-DD&to=YYYY-MM-DD — an API over raw events, so the range is bounded.
// A year and a day: the year-to-date preset reads the profile rollups, never raw events.
export const MAX_ADVICE_RANGE_DAYS = 366
const DAY_MS = 86_400_000

const day = (field: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${field} must be a date YYYY-MM-DD` })
    // Year 0000 parses in JavaScript but PostgreSQL has no year 0.
    .refine((s) => !s.startsWith('0000') && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { error: `${field} is not a calendar date` })

export const adviceQuerySchema = z
  .object({ from: day('from').optional(), to: day('to').optional() })
  .strict()

export type AdviceRange = { from: string; to: string }

/** Defaults to the last 30 UTC days up to today; 'to' is inclusive. */
export function resolveAdviceRange(q: z.infer<typeof adviceQuerySchema>, now: Date): AdviceRange | { error: string } {
  const to = q.to ?? toUtcDay(now)
  const from = q.from ?? addUtcDays(to, -29)
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1
  if (days < 1) return { error: `from (${from}) must not be after to (${to})` }
  if (days > MAX_ADVICE_RANGE_DAYS) return { error: `the range ${from}..${to} spans ${days} days; at most ${MAX_ADVICE_RANGE_DAYS}` }
  return { from, to }
}
