// Small statistics helpers. Every figure the harness reports is "median (min–max)" over repeated runs,
// plus a ratio against a baseline measured in the same run: the machine is shared and noisy.

export type Spread = { median: number; min: number; max: number; n: number }

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

export function spread(values: readonly number[]): Spread {
  const finite = values.filter((v) => Number.isFinite(v))
  if (finite.length === 0) return { median: NaN, min: NaN, max: NaN, n: 0 }
  return { median: median(finite), min: Math.min(...finite), max: Math.max(...finite), n: finite.length }
}

/** Nearest-rank percentile (p in 0..100) of an unsorted list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN
  const s = [...values].sort((a, b) => a - b)
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)))
  return s[rank - 1] as number
}

/** Element-wise ratio a[i]/b[i] of two per-run series (same run → same machine conditions). */
export function ratios(a: readonly number[], b: readonly number[]): number[] {
  return a.map((v, i) => v / (b[i] ?? NaN))
}

export function fmtInt(v: number): string {
  if (!Number.isFinite(v)) return 'n/a'
  return Math.round(v).toLocaleString('en-US')
}

export function fmtNum(v: number, digits = 2): string {
  if (!Number.isFinite(v)) return 'n/a'
  return v.toFixed(digits)
}

export function fmtSpread(s: Spread, f: (v: number) => string = fmtInt): string {
  if (s.n === 0) return 'n/a'
  if (s.n === 1) return f(s.median)
  return `${f(s.median)} (${f(s.min)}–${f(s.max)})`
}

export function fmtMs(v: number): string {
  if (!Number.isFinite(v)) return 'n/a'
  return v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`
}

export function fmtMiB(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a'
  return `${Math.round(bytes / 1024 / 1024)} MiB`
}
