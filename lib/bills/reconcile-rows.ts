import { Decimal } from '@/lib/pricing/decimal'
import { explainGap, type GapExplanation } from './explain-gap'

/** One row as the API, the CLI (--json) and the page's CSV give it. Money: exact decimal strings. */
export type ReconciliationRow = {
  date: string
  provider: string
  model: string
  billed_usd: string
  tracked_usd: string
  /** tracked ÷ billed, 6 decimals; null when nothing was billed in USD. */
  capture_rate: string | null
  billed_tokens: number | null
  tracked_tokens: number
}

export type ReconciliationTotals = Omit<ReconciliationRow, 'date' | 'provider' | 'model'> & { rows: number }

/** A row with what the page adds: whether the model is in the catalog, the gap, and its explanation. */
export type ReconciledRow = ReconciliationRow & {
  /** False for a bill line whose model matches no catalog model. */
  matched: boolean
  /** Currencies other than USD billed on this row (shown, not converted). */
  otherCurrencies: string[]
  /** billed − tracked, USD. */
  gap: string
  explanation: GapExplanation
}

/** What the SQL returns per provider × day × model (numerics as strings). */
export type RawReconciliationRow = {
  date: string
  provider: string
  model: string
  matched: boolean
  billed_usd: string | null
  tracked_usd: string | null
  billed_tokens: string | null
  tracked_tokens: string | null
  other_currencies: string[] | null
}

const CAPTURE_DECIMALS = 6

export function captureRate(tracked: Decimal, billed: Decimal): string | null {
  return billed.isZero() ? null : tracked.dividedBy(billed).toDecimalPlaces(CAPTURE_DECIMALS).toFixed()
}

const int = (v: string | null): number | null => (v === null ? null : Number(v))

/** The one place rows are computed from the query's numbers, so page, CLI and API agree to the last digit. */
export function reconcileRows(raw: readonly RawReconciliationRow[]): ReconciledRow[] {
  return raw.map((r) => {
    const billed = new Decimal(r.billed_usd ?? 0)
    const tracked = new Decimal(r.tracked_usd ?? 0)
    const row: ReconciliationRow = {
      date: r.date,
      provider: r.provider,
      model: r.model,
      billed_usd: billed.toFixed(),
      tracked_usd: tracked.toFixed(),
      capture_rate: captureRate(tracked, billed),
      billed_tokens: int(r.billed_tokens),
      tracked_tokens: int(r.tracked_tokens) ?? 0,
    }
    const otherCurrencies = r.other_currencies ?? []
    return { ...row, matched: r.matched, otherCurrencies, gap: billed.minus(tracked).toFixed(), explanation: explainGap({ ...row, matched: r.matched, otherCurrencies }) }
  })
}

export function totalsOf(rows: readonly ReconciliationRow[]): ReconciliationTotals {
  let billed = new Decimal(0)
  let tracked = new Decimal(0)
  let billedTokens: number | null = null
  let trackedTokens = 0
  for (const r of rows) {
    billed = billed.plus(r.billed_usd)
    tracked = tracked.plus(r.tracked_usd)
    if (r.billed_tokens !== null) billedTokens = (billedTokens ?? 0) + r.billed_tokens
    trackedTokens += r.tracked_tokens
  }
  return {
    billed_usd: billed.toFixed(),
    tracked_usd: tracked.toFixed(),
    capture_rate: captureRate(tracked, billed),
    billed_tokens: billedTokens,
    tracked_tokens: trackedTokens,
    rows: rows.length,
  }
}

/** Only the documented fields, in their order: what `bills show --json` and the API print per row. */
export function publicRow(r: ReconciliationRow): ReconciliationRow {
  return {
    date: r.date,
    provider: r.provider,
    model: r.model,
    billed_usd: r.billed_usd,
    tracked_usd: r.tracked_usd,
    capture_rate: r.capture_rate,
    billed_tokens: r.billed_tokens,
    tracked_tokens: r.tracked_tokens,
  }
}

export type DailyCapture = { date: string; provider: string; billed_usd: string; tracked_usd: string; capture_rate: string | null }

/** Capture per provider per day (the chart and the alert read it). */
export function dailyCapture(rows: readonly ReconciliationRow[]): DailyCapture[] {
  const byDay = new Map<string, { date: string; provider: string; billed: Decimal; tracked: Decimal }>()
  for (const r of rows) {
    const k = `${r.date}\u0000${r.provider}`
    const d = byDay.get(k) ?? { date: r.date, provider: r.provider, billed: new Decimal(0), tracked: new Decimal(0) }
    d.billed = d.billed.plus(r.billed_usd)
    d.tracked = d.tracked.plus(r.tracked_usd)
    byDay.set(k, d)
  }
  return [...byDay.values()]
    .sort((a, b) => a.date.localeCompare(b.date) || a.provider.localeCompare(b.provider))
    .map((d) => ({ date: d.date, provider: d.provider, billed_usd: d.billed.toFixed(), tracked_usd: d.tracked.toFixed(), capture_rate: captureRate(d.tracked, d.billed) }))
}

/** Worst first: the largest absolute gap in USD, then the row order. */
export function worstGapsFirst(rows: readonly ReconciledRow[]): ReconciledRow[] {
  return [...rows].sort((a, b) => new Decimal(b.gap).abs().comparedTo(new Decimal(a.gap).abs()) || a.date.localeCompare(b.date) || a.model.localeCompare(b.model))
}
