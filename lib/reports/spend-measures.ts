import { Decimal } from '@/lib/pricing/decimal'

// Rollup measures as the spend API shows them. Counts are bigint sums in SQL: they are returned as
// JSON numbers while exact (≤ 2^53 − 1, i.e. 9 × 10^15 tokens) and as decimal strings beyond, so a
// huge total is never silently rounded. Money is an exact decimal string with trailing zeros trimmed.

export type Count = number | string

export type SpendMeasures = {
  calls: Count
  input_tokens: Count
  cache_read_tokens: Count
  cache_write_tokens: Count
  output_tokens: Count
  reasoning_tokens: Count
  /** null when every call counted here is unpriced: "unknown", never "free". */
  cost_usd: string | null
  unpriced_calls: Count
  flagged_calls: Count
  potential_saving_usd: string
}

export const countColumns = [
  'calls',
  'input_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'output_tokens',
  'reasoning_tokens',
  'unpriced_calls',
  'flagged_calls',
] as const
type CountColumn = (typeof countColumns)[number]

/** Sums as SQL returns them (text, so nothing passes through a float). */
export type MeasureSums = Record<CountColumn | 'cost' | 'potential_saving', string>

/** The select list that sums rollups_daily `r` into MeasureSums. */
export const measureSumsSql = [...countColumns, 'cost', 'potential_saving'].map((c) => `sum(r.${c})::text AS ${c}`).join(', ')

export type MeasureTotals = { counts: Record<CountColumn, bigint>; cost: Decimal; potentialSaving: Decimal }

export function emptyMeasureTotals(): MeasureTotals {
  const counts = Object.fromEntries(countColumns.map((c) => [c, 0n])) as Record<CountColumn, bigint>
  return { counts, cost: new Decimal(0), potentialSaving: new Decimal(0) }
}

export function addMeasureSums(into: MeasureTotals, sums: MeasureSums): MeasureTotals {
  for (const c of countColumns) into.counts[c] += BigInt(sums[c] ?? '0')
  into.cost = into.cost.plus(sums.cost ?? '0')
  into.potentialSaving = into.potentialSaving.plus(sums.potential_saving ?? '0')
  return into
}

function toCount(value: bigint): Count {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString()
}

export function formatMeasures(t: MeasureTotals): SpendMeasures {
  const allUnpriced = t.counts.calls > 0n && t.counts.unpriced_calls === t.counts.calls
  return {
    calls: toCount(t.counts.calls),
    input_tokens: toCount(t.counts.input_tokens),
    cache_read_tokens: toCount(t.counts.cache_read_tokens),
    cache_write_tokens: toCount(t.counts.cache_write_tokens),
    output_tokens: toCount(t.counts.output_tokens),
    reasoning_tokens: toCount(t.counts.reasoning_tokens),
    cost_usd: allUnpriced ? null : t.cost.toFixed(),
    unpriced_calls: toCount(t.counts.unpriced_calls),
    flagged_calls: toCount(t.counts.flagged_calls),
    potential_saving_usd: t.potentialSaving.toFixed(),
  }
}
