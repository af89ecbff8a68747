import type { Decimal } from '@/lib/pricing/decimal'

/**
 * The alert thresholds (percent of the monthly budget) that `spent` has reached, ascending. Every one
 * reached is returned, so spend that jumps past 50 % and 80 % in one step raises both. Nothing is
 * crossed without spend, so a $0 budget alerts on the first priced cent, not on an empty month.
 */
export function crossedThresholds(spent: Decimal, budget: Decimal, thresholds: readonly number[]): number[] {
  if (spent.lte(0)) return []
  const valid = [...new Set(thresholds)].filter((t) => Number.isInteger(t) && t > 0).sort((a, b) => a - b)
  return valid.filter((t) => spent.gte(budget.times(t).div(100)))
}
