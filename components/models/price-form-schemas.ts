import { z } from 'zod'
import type { FormState } from '@/components/ui/form-state'

// The price forms' input, shared by the forms (field names, messages) and the server actions that
// re-validate every submission. Rates stay decimal strings end to end: no float ever holds a price.

const DATE = /^\d{4}-\d{2}-\d{2}$/
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/
// NUMERIC(20,9): 11 integer digits, 9 decimals.
const RATE = /^\d{1,11}(\.\d{1,9})?$/
const POSITIVE_DECIMAL = /^\d{1,12}(\.\d{1,9})?$/

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim().replace(/^\$/, '').replace(/,/g, '') : v)
const emptyToNull = (v: unknown) => {
  const t = trimmed(v)
  return t === '' || t === undefined ? null : t
}

const rate = (label: string) =>
  z.preprocess(trimmed, z.string({ error: `${label} price is required` }).min(1, `${label} price is required`).regex(RATE, `${label}: USD per 1M tokens, e.g. 2.50 (at most 9 decimals)`))

const optionalRate = (label: string) =>
  z.preprocess(emptyToNull, z.string().regex(RATE, `${label}: USD per 1M tokens, e.g. 1.25 (at most 9 decimals), or empty`).nullable())

// Date.parse rolls 2025-02-30 over to March 2 and accepts year 0000, which PostgreSQL has not got.
const isCalendarDay = (d: string) => {
  const t = Date.parse(`${d}T00:00:00Z`)
  return !d.startsWith('0000') && !Number.isNaN(t) && new Date(t).toISOString().startsWith(d)
}
const utcDay = z.string({ error: 'Pick a date' }).regex(DATE, 'Pick a date (YYYY-MM-DD, UTC)').refine(isCalendarDay, 'Not a real date')

// Model ids are int4: a larger number names no model (and would make the query fail, not miss).
const modelId = z.coerce.number({ error: 'Pick a model' }).int('Pick a model').positive('Pick a model').max(2_147_483_647, 'Pick a model')

const effective = {
  modelId,
  effectiveDate: utcDay,
  effectiveTime: z.preprocess((v) => (v === '' || v === null || v === undefined ? '00:00' : v), z.string().regex(TIME, 'Time as HH:MM (UTC)')),
  note: z.preprocess(
    emptyToNull,
    z.string().max(500, 'Keep the note under 500 characters').refine((n) => !n.includes('\u0000'), 'The note cannot contain NUL characters').nullable(),
  ),
}

export const addPriceVersionForm = z.object({
  ...effective,
  input: rate('Input'),
  output: rate('Output'),
  cacheRead: optionalRate('Cache read'),
  cacheWrite: optionalRate('Cache write'),
  reasoning: optionalRate('Reasoning'),
})
export type AddPriceVersionForm = z.infer<typeof addPriceVersionForm>

export const infrastructurePriceForm = z.object({
  ...effective,
  gpuHourUsd: z.preprocess(trimmed, z.string().min(1, 'GPU-hour cost is required').regex(POSITIVE_DECIMAL, 'USD per GPU-hour, e.g. 2.40')),
  tokensPerSecond: z.preprocess(
    trimmed,
    z
      .string()
      .min(1, 'Throughput is required')
      .regex(POSITIVE_DECIMAL, 'Tokens per second, e.g. 1500')
      .refine((v) => /[1-9]/.test(v), 'Throughput must be above 0'),
  ),
})
export type InfrastructurePriceForm = z.infer<typeof infrastructurePriceForm>

export const MAX_REPRICE_DAYS = 400

export const repriceForm = z
  .object({
    from: utcDay,
    /** Inclusive: the window ends at the end of this UTC day. */
    to: utcDay,
    modelId: z.preprocess((v) => (v === '' || v === null || v === undefined ? null : v), modelId.nullable()),
  })
  .superRefine((v, ctx) => {
    const from = Date.parse(`${v.from}T00:00:00Z`)
    const to = Date.parse(`${v.to}T00:00:00Z`)
    if (to < from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end date is before the start date' })
    // The window ends at the next midnight, which for 9999-12-31 is in year 10000: past what timestamps hold.
    else if (v.to === '9999-12-31') ctx.addIssue({ code: 'custom', path: ['to'], message: 'Pick an end date before 9999-12-31' })
    else if ((to - from) / 86_400_000 >= MAX_REPRICE_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `At most ${MAX_REPRICE_DAYS} days per run` })
  })
export type RepriceForm = z.infer<typeof repriceForm>

/** [from, to) of a reprice form: to is inclusive in the form, so the window ends at the next midnight. */
export function repriceWindow(f: RepriceForm): { from: Date; to: Date } {
  return { from: new Date(`${f.from}T00:00:00Z`), to: new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000) }
}

export function effectiveFrom(f: { effectiveDate: string; effectiveTime: string }): Date {
  return new Date(`${f.effectiveDate}T${f.effectiveTime}:00Z`)
}

export type PriceFormState = FormState<Record<string, string>, { versionId: number; modelSlug: string; preview: string }>
export type PriceFormAction = (prev: PriceFormState, formData: FormData) => Promise<PriceFormState>
