// One line of a provider bill as the parsers produce it, before lines of the same day are combined.

export const billFormats = ['openai', 'anthropic', 'csv'] as const
export type BillFormat = (typeof billFormats)[number]

export type BillMeasure = 'cost' | 'usage'

export type BillLine = {
  /** Lower-case provider name, as the catalog spells it (openai, anthropic, …). */
  provider: string
  measure: BillMeasure
  /** The time bucket the provider reported (ISO start): the same bucket and key twice is a duplicate. */
  bucket: string
  /** UTC day, YYYY-MM-DD. */
  day: string
  /** The provider's own grouping of the line (line item, project, model, token type …). */
  lineKey: string
  /** The model as the bill names it (dated id, line-item text), matched against the catalog later. */
  modelRaw: string
  tokenKind: string | null
  /** Upper-case ISO 4217 code; null for usage lines. */
  currency: string | null
  /** Exact decimal string in currency units (not cents); null for usage lines. */
  amount: string | null
  /** Integer string; null when the line gives no token count. */
  tokens: string | null
  requests: string | null
  /** Where the line came from, for messages: "costs.json page 2: data[0].results[3]" or "bill.csv line 7". */
  source: string
}

export type BillFile = { name: string; text: string }

/** A parse result: the lines, and what the reader should know but is not an error. */
export type ParsedBill = { lines: BillLine[]; warnings: string[] }

export function utcDayOfSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10)
}
