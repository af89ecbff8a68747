// A cost figure for an export cell. When every call behind a figure is unpriced the cost is unknown,
// not zero, so spreadsheets summing a column cannot mistake unpriced usage for free usage. FOCUS is the
// exception (its BilledCost may not be null): it keeps 0 and says x_PricingStatus=unpriced instead.
export function knownCost(c: { calls: number | string; unpricedCalls: number | string; cost: string }): string | null {
  const calls = BigInt(c.calls)
  return calls > 0n && BigInt(c.unpricedCalls) === calls ? null : c.cost
}
