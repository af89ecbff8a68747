import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { addUtcDays, isUtcDay, toUtcDay, utcDaySpan } from '@/lib/time/utc-days'

export type ReconciliationWindow = { from: string; to: string; provider: string | null }

const MAX_DAYS = 366

const schema = z.object({
  from: z.string().refine(isUtcDay, { error: (i) => `from '${String(i.input)}' is not a day (YYYY-MM-DD)` }).optional(),
  to: z.string().refine(isUtcDay, { error: (i) => `to '${String(i.input)}' is not a day (YYYY-MM-DD)` }).optional(),
  provider: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, { error: (i) => `provider '${String(i.input)}' is not a provider name` })
    .optional(),
})

/**
 * from and to are UTC days, both included (as on the spend page). Default: the last 30 days up to
 * yesterday, since a provider's report for today is still filling.
 */
export function parseReconciliationWindow(input: { from?: string | null; to?: string | null; provider?: string | null }, now: Date): ReconciliationWindow {
  const parsed = schema.safeParse({ from: input.from || undefined, to: input.to || undefined, provider: input.provider || undefined })
  if (!parsed.success) throw new AppError('invalid', parsed.error.issues[0]?.message ?? 'invalid window')
  const to = parsed.data.to ?? addUtcDays(toUtcDay(now), -1)
  const from = parsed.data.from ?? addUtcDays(to, -29)
  if (from > to) throw new AppError('invalid', `from (${from}) is after to (${to})`)
  if (utcDaySpan(from, to) > MAX_DAYS) throw new AppError('invalid', `the window ${from}..${to} is longer than ${MAX_DAYS} days`)
  return { from, to, provider: parsed.data.provider ?? null }
}
