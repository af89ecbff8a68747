import { z } from 'zod'
import { Decimal } from '@/lib/pricing/decimal'

// The policy keeps its price cap per 1K input tokens (max_price_per_1k NUMERIC(20,9), the source
// document's unit, and the key policy files and the what-if CLI read). People type and read it per 1M
// tokens, like every other price: converted here, exactly, at the edge of the editor and the pages.

/** Decimals the per-1K column keeps; a typed cap that needs more is refused, never rounded. */
const PER_1K_DECIMALS = 9
/** Digits before the point the per-1K column keeps (20 − 9). */
const PER_1K_INTEGER_DIGITS = 11
export const PRICE_CAP_DECIMALS = PER_1K_DECIMALS - 3

/** What the field accepts, in words, shown beside it. */
export const priceCapHint = `US dollars per 1M input tokens, such as 4 or 0.075, with up to ${PRICE_CAP_DECIMALS} decimals. Empty: no cap.`

const refused = `The price cap must be a dollar amount per 1M input tokens, such as 4 or 0.075: digits only, no minus sign, at most ${PRICE_CAP_DECIMALS} decimals and ${PER_1K_INTEGER_DIGITS + 3} digits before the point.`

/** A stored per-1K cap as people read it, per 1M ('0.004' → '4'). Exact. */
export function capPer1MFromPer1k(per1k: string): string {
  return new Decimal(per1k).times(1000).toFixed()
}

/** A typed per-1M cap as stored, per 1K ('4' → '0.004'). Exact: callers pass what priceCapPer1M accepted. */
export function capPer1kFromPer1M(per1M: string): string {
  return new Decimal(per1M).dividedBy(1000).toFixed()
}

/** The cap as typed per 1M tokens ('' = no cap) → the per-1K decimal string the policy stores, or null. */
export const priceCapPer1M = z.preprocess(
  (v) => (v === '' ? null : typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : v),
  z
    .string({ error: refused })
    .trim()
    .regex(new RegExp(`^\\d{1,${PER_1K_INTEGER_DIGITS + 3}}(\\.\\d{1,${PRICE_CAP_DECIMALS}})?$`), { error: refused })
    .transform(capPer1kFromPer1M)
    .nullable(),
)
