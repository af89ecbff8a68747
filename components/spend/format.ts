import { Decimal } from '@/lib/pricing/decimal'

// Display formatting for exact decimal strings: rounding happens on Decimals and the digits are
// grouped as text, so no money value passes through a binary float on its way to the screen.

function group(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** '1234.5678' → '$1,234.57'; a non-zero amount under half a cent → '<$0.01'; null → 'unknown'. */
export function formatUsd(value: string | null | undefined, opts: { signed?: boolean } = {}): string {
  if (value === null || value === undefined) return 'unknown'
  const d = new Decimal(value)
  const sign = d.isNegative() && !d.isZero() ? '−' : opts.signed && d.gt(0) ? '+' : ''
  const abs = d.abs()
  if (!abs.isZero() && abs.lt('0.005')) return `${sign}<$0.01`
  const [integer = '0', fraction = '00'] = abs.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2).split('.')
  return `${sign}$${group(integer)}.${fraction}`
}

/** Counts arrive as numbers or, beyond 2^53, decimal strings. */
export function formatCount(value: number | string | bigint): string {
  const text = typeof value === 'number' ? String(Math.trunc(value)) : String(value)
  return text.startsWith('-') ? `−${group(text.slice(1))}` : group(text)
}

/** Part ÷ whole as a percentage with one decimal, or null when the whole is zero. */
export function percentOf(part: string | number, whole: string | number): number | null {
  const w = new Decimal(whole)
  if (w.isZero()) return null
  return new Decimal(part).div(w).times(100).toDecimalPlaces(1).toNumber()
}

export function formatPercent(value: number | null, opts: { signed?: boolean } = {}): string {
  if (value === null) return '—'
  const sign = value < 0 ? '−' : opts.signed && value > 0 ? '+' : ''
  return `${sign}${Math.abs(value).toFixed(1)}%`
}

/** '2026-11-03' → 'Nov 3' (UTC; the day strings are UTC days already). */
export function formatDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`)
  return d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })
}

/** A timestamp as 'YYYY-MM-DD HH:MM UTC'. */
export function formatUtc(at: Date | string): string {
  const iso = typeof at === 'string' ? at : at.toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

/** Per-call amounts are often fractions of a cent: up to 6 decimals, at least 2 ('0.000123' → '$0.000123'). */
export function formatUsdFine(value: string): string {
  const d = new Decimal(value)
  if (d.abs().gte(1)) return formatUsd(value)
  const fixed = d.abs().toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed(6).replace(/0{1,4}$/, '')
  return `${d.isNegative() && !d.isZero() ? '−' : ''}$${fixed}`
}
