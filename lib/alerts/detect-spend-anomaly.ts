import { Decimal } from '@/lib/pricing/decimal'
import { addUtcDays } from '@/lib/time/utc-days'

export const ANOMALY_BASELINE_DAYS = 14
export const ANOMALY_MULTIPLIER = 3
/** Below this a day is never an anomaly: tripling $0.10 is noise, not news. */
export const ANOMALY_FLOOR_USD = '1'

export type SpendAnomaly = { day: string; spend: Decimal; baselineMedian: Decimal; baselineFrom: string; baselineTo: string }

function median(values: Decimal[]): Decimal {
  const sorted = [...values].sort((a, b) => a.comparedTo(b))
  const mid = Math.floor(sorted.length / 2)
  const upper = sorted[mid] ?? new Decimal(0)
  return sorted.length % 2 === 1 ? upper : upper.plus(sorted[mid - 1] ?? 0).div(2)
}

/**
 * A day is anomalous when its spend is more than 3× the median daily spend of the 14 days before it
 * and at least $1. The median (not the mean) keeps one earlier spike from hiding the next; days with
 * no rollup row count as $0, so a team that starts spending from nothing is flagged once, on that day.
 * `day` may be today: a partial day that is already 3× the baseline is worth saying at once.
 */
export function detectSpendAnomaly(costs: ReadonlyMap<string, Decimal>, day: string): SpendAnomaly | null {
  const spend = costs.get(day) ?? new Decimal(0)
  if (spend.lt(ANOMALY_FLOOR_USD)) return null
  const baselineFrom = addUtcDays(day, -ANOMALY_BASELINE_DAYS)
  const baselineTo = addUtcDays(day, -1)
  const baseline: Decimal[] = []
  for (let d = baselineFrom; d <= baselineTo; d = addUtcDays(d, 1)) baseline.push(costs.get(d) ?? new Decimal(0))
  const baselineMedian = median(baseline)
  if (!spend.gt(baselineMedian.times(ANOMALY_MULTIPLIER))) return null
  return { day, spend, baselineMedian, baselineFrom, baselineTo }
}
