import DecimalJs from 'decimal.js'

// The one Decimal constructor for the money path. 40 significant digits holds any
// tokens (≤ 1e9) × price (NUMERIC(20,9)) product and the sums of them without rounding, so
// costs stay exact down to the 15 decimals a NUMERIC(28,15) column keeps.
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_EVEN })
export type Decimal = DecimalJs
export type DecimalValue = DecimalJs.Value

// Accepts Prisma's Decimal (a separate decimal.js copy) as well as strings and integers.
export function toDecimal(value: DecimalValue | { toString(): string }): Decimal {
  if (typeof value === 'number' && !Number.isInteger(value)) {
    // A float here means a price already lost precision upstream; refuse rather than bake it in.
    throw new TypeError(`refusing to build a money Decimal from the float ${value}; pass a string`)
  }
  return new Decimal(typeof value === 'object' ? value.toString() : value)
}

export const ZERO: Decimal = new Decimal(0)
