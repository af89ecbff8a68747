import { Decimal } from '@/lib/pricing/decimal'

// Display formatting for exact decimal strings: rounding happens on Decimals and digits are grouped as
// text, so no money value passes through a binary float on its way to the screen.

type Money = string | Decimal

function group(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

function sign(d: Decimal, signed: boolean): string {
  return d.isNegative() && !d.isZero() ? '−' : signed && d.gt(0) ? '+' : ''
}

/** '1234.5678' → '$1,234.57'; a non-zero amount under half a cent → '<$0.01'; null → 'unknown'. */
export function formatUsd(value: Money | null | undefined, opts: { signed?: boolean } = {}): string {
  if (value === null || value === undefined) return 'unknown'
  const d = new Decimal(value)
  const abs = d.abs()
  if (!abs.isZero() && abs.lt('0.005')) return `${sign(d, opts.signed ?? false)}<$0.01`
  const [integer = '0', fraction = '00'] = abs.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2).split('.')
  return `${sign(d, opts.signed ?? false)}$${group(integer)}.${fraction}`
}

/** Per-call amounts are often fractions of a cent: up to 6 decimals below $1 ('0.000123' → '$0.000123'). */
export function formatUsdFine(value: Money, opts: { signed?: boolean } = {}): string {
  const d = new Decimal(value)
  if (d.abs().gte(1)) return formatUsd(d, opts)
  const fixed = d.abs().toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed(6).replace(/0{1,4}$/, '')
  return `${sign(d, opts.signed ?? false)}$${fixed}`
}

/** A price per 1M tokens: cents for round prices, up to 6 decimals for sub-cent ones ($0.075). */
export function formatPerMillion(value: Money): string {
  const d = new Decimal(value)
  const [integer = '0', fraction] = (d.decimalPlaces() <= 2 ? d.toFixed(2) : d.toDecimalPlaces(6).toFixed()).split('.')
  return `$${group(integer)}${fraction ? `.${fraction}` : ''}`
}

/** Counts arrive as numbers or, beyond 2^53, decimal strings. */
export function formatCount(value: number | string | bigint): string {
  const text = typeof value === 'number' ? String(Math.trunc(value)) : String(value)
  return text.startsWith('-') ? `−${group(text.slice(1))}` : group(text)
}

/** A timestamp as 'YYYY-MM-DD HH:MM UTC'. */
export function formatUtc(at: Date | string): string {
  const iso = typeof at === 'string' ? at : at.toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

/** Exact decimal text without trailing zeros ('650.000000000000000' → '650'), for data attributes and CSV. */
export function exact(value: Money): string {
  return new Decimal(value).toFixed()
}
