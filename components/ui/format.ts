import { Decimal } from '@/lib/pricing/decimal'

// The one way the UI writes numbers, money and times. Money is rounded on Decimals (half-even, as the
// statement and the pricing code round) and its digits are grouped as text, so no amount passes
// through a binary float on its way to the screen. Times are UTC unless the person chose their own
// zone (components/ui/time.tsx); each page says which once, so a time carries no zone suffix.

type Money = string | { toString(): string }

function group(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

function signOf(d: Decimal, signed: boolean): string {
  return d.isNegative() && !d.isZero() ? '−' : signed && d.gt(0) ? '+' : ''
}

function dollars(sign: string, text: string): string {
  const [integer = '0', fraction] = text.split('.')
  return `${sign}$${group(integer)}${fraction === undefined ? '' : `.${fraction}`}`
}

/**
 * A total: cents, half-even ('1234.5678' → '$1,234.57'). A non-zero amount that rounds to no cents
 * reads '<$0.01', never '$0.00' (small is not free); null → 'unknown' (unpriced is not zero).
 */
export function formatUsd(value: Money | null | undefined, opts: { signed?: boolean } = {}): string {
  if (value === null || value === undefined) return 'unknown'
  const d = new Decimal(value.toString())
  const sign = signOf(d, opts.signed ?? false)
  const cents = d.abs().toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN)
  if (cents.isZero() && !d.isZero()) return `${sign}<$0.01`
  return dollars(sign, cents.toFixed(2))
}

/**
 * A per-call amount, often a fraction of a cent: up to 6 significant digits and at least 2 decimals
 * ('0.000123456789' → '$0.000123457', '2.5' → '$2.50', '1.23456789' → '$1.23457'), half-even.
 */
export function formatUsdFine(value: Money | null | undefined, opts: { signed?: boolean } = {}): string {
  if (value === null || value === undefined) return 'unknown'
  const d = new Decimal(value.toString())
  const abs = d.abs()
  const integerDigits = abs.gte(1) ? abs.truncated().toFixed().length : 0
  const text = abs.isZero() || integerDigits >= 4 ? abs.toFixed(2, Decimal.ROUND_HALF_EVEN) : abs.toSignificantDigits(6, Decimal.ROUND_HALF_EVEN).toFixed()
  const decimals = text.split('.')[1]?.length ?? 0
  return dollars(signOf(d, opts.signed ?? false), decimals >= 2 ? text : new Decimal(text).toFixed(2))
}

/** A price per 1M tokens: cents for round prices, up to 6 decimals for sub-cent ones ($0.075), so a cheap model never reads as free. */
export function formatPerMillion(value: Money): string {
  const d = new Decimal(value.toString())
  return dollars('', d.decimalPlaces() <= 2 ? d.toFixed(2) : d.toDecimalPlaces(6).toFixed())
}

/** Exact decimal text without trailing zeros ('650.000000000000000' → '650'), for data attributes and CSV. */
export function exact(value: Money): string {
  return new Decimal(value.toString()).toFixed()
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

/** '2026-11-03' → 'Nov 3' (the day strings are UTC days already). */
export function formatDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })
}

/** "2025-03-04 17:05" in UTC (the page says so once); `empty` for a missing or invalid time. */
export function formatUtc(value: Date | string | null | undefined, empty = '—', opts: { seconds?: boolean } = {}): string {
  return formatTime(value, null, empty, opts)
}

/**
 * "2025-03-05 02:05" for the same instant in Asia/Tokyo: the time as the wall clock of `zone` reads it
 * (null = UTC). Built from numeric parts, so the server and the browser write the same text.
 */
export function formatTime(value: Date | string | null | undefined, zone: string | null, empty = '—', opts: { seconds?: boolean } = {}): string {
  if (value === null || value === undefined) return empty
  const d = typeof value === 'string' ? new Date(value) : value
  if (Number.isNaN(d.getTime())) return empty
  if (zone === null) return d.toISOString().slice(0, opts.seconds ? 19 : 16).replace('T', ' ')
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  )
  const time = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`
  return opts.seconds ? `${time}:${parts.second}` : time
}

/** True for a time zone this runtime knows ('Asia/Tokyo'), false for anything else (a tampered cookie). */
export function isTimeZone(zone: string): boolean {
  if (zone === '' || zone.length > 64) return false
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** "42 s ago", "3 min ago", "5 h ago", "12 d ago": how fresh something is, at a glance. */
export function formatAgo(then: Date, now: Date): string {
  const s = Math.max(0, Math.floor((now.getTime() - then.getTime()) / 1000))
  if (s < 60) return `${s} s ago`
  if (s < 3600) return `${Math.floor(s / 60)} min ago`
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`
  return `${Math.floor(s / 86_400)} d ago`
}
