import { Decimal } from '@/lib/pricing/decimal'

// Display formatting of exact decimal strings (never through a float). Cents for ordinary amounts;
// sub-cent amounts keep up to 6 decimals so a small but real cost never reads as $0.00.

function group(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

export function formatUsd(value: string | { toString(): string }, opts: { sign?: boolean } = {}): string {
  const d = new Decimal(value.toString())
  const abs = d.abs()
  const text = abs.isZero() || abs.gte('0.01') ? abs.toFixed(2, Decimal.ROUND_HALF_EVEN) : abs.toDecimalPlaces(6, Decimal.ROUND_HALF_EVEN).toFixed()
  const [intPart = '0', frac] = text.split('.')
  const body = `$${group(intPart)}${frac !== undefined ? `.${frac}` : ''}`
  if (d.isNegative() && !abs.isZero()) return `−${body}`
  return opts.sign && !abs.isZero() ? `+${body}` : body
}

export function formatInt(value: number | string | bigint): string {
  const s = String(value)
  const neg = s.startsWith('-')
  return `${neg ? '−' : ''}${group(neg ? s.slice(1) : s)}`
}
