import type { Prisma } from '@prisma/client'

// USD per 1M tokens: cents for round prices, up to 6 decimals for the sub-cent ones ($0.075) —
// rounding those to cents would show cheap models as free.
export function formatUsdPerMillion(value: Prisma.Decimal): string {
  const text = value.decimalPlaces() <= 2 ? value.toFixed(2) : value.toDecimalPlaces(6).toFixed()
  return `$${text}`
}
