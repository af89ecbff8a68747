import type { TokenBuckets } from '@/lib/usage/token-buckets'
import { Decimal, type DecimalValue } from './decimal'
import type { PriceVersionRates } from './price-version'

const NANO = new Decimal('1e9')

// Rates as integer nano-dollars per 1M tokens, in bucket order. A NUMERIC(20,9) rate always fits;
// null marks a rate with finer precision (never from the database), which takes the Decimal path.
type NanoRates = readonly [bigint, bigint, bigint, bigint, bigint]
const nanoCache = new WeakMap<PriceVersionRates, NanoRates | null>()

function toNano(rate: DecimalValue): bigint | null {
  const n = new Decimal(rate).times(NANO)
  return n.isInteger() ? BigInt(n.toFixed(0)) : null
}

function nanoRates(p: PriceVersionRates): NanoRates | null {
  let cached = nanoCache.get(p)
  if (cached === undefined) {
    const r = [p.input, p.cacheRead ?? p.input, p.cacheWrite ?? p.input, p.output, p.reasoning ?? p.output].map(toNano)
    cached = r.every((x): x is bigint => x !== null) ? (r as unknown as NanoRates) : null
    nanoCache.set(p, cached)
  }
  return cached
}

function decimalCost(b: TokenBuckets, p: PriceVersionRates): Decimal {
  return new Decimal(b.input)
    .times(p.input)
    .plus(new Decimal(b.cacheRead).times(p.cacheRead ?? p.input))
    .plus(new Decimal(b.cacheWrite).times(p.cacheWrite ?? p.input))
    .plus(new Decimal(b.output).times(p.output))
    .plus(new Decimal(b.reasoning).times(p.reasoning ?? p.output))
    .dividedBy(1_000_000)
}

/**
 * USD for one event: Σ tokens × rate ÷ 1M, exactly. Null cache rates bill at the input rate, a null
 * reasoning rate at the output rate. Token counts must be integers (BigInt throws otherwise).
 */
export function calculateCost(b: TokenBuckets, p: PriceVersionRates): Decimal {
  // Hot path (every ingested event): tokens × nano-dollar rates is an exact integer count of
  // 1e-15 USD, which is also the scale of cost NUMERIC(28,15) — ~10x faster than Decimal maths.
  const t = [BigInt(b.input), BigInt(b.cacheRead), BigInt(b.cacheWrite), BigInt(b.output), BigInt(b.reasoning)] as const
  const n = nanoRates(p)
  if (n === null) return decimalCost(b, p)
  const femto = t[0] * n[0] + t[1] * n[1] + t[2] * n[2] + t[3] * n[3] + t[4] * n[4]
  return new Decimal(`${femto}e-15`)
}
