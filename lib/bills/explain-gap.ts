import { Decimal } from '@/lib/pricing/decimal'
import type { ReconciliationRow } from './reconcile-rows'

export type GapKind = 'match' | 'price_drift' | 'untracked_calls' | 'over_tracked' | 'unmatched_line' | 'not_billed' | 'other_currency'

export type GapExplanation = { kind: GapKind; text: string; /** billed ÷ tracked money, for price drift. */ priceFactor?: string }

/** Money or tokens closer than this share are "the same" (rounding on the provider's side). */
export const TOLERANCE = new Decimal('0.005')

const near = (a: Decimal, b: Decimal) => a.minus(b).abs().lte(Decimal.max(a.abs(), b.abs()).times(TOLERANCE))
const usd = (d: Decimal) => `$${d.toDecimalPlaces(4).toFixed()}`
const pct = (share: Decimal) => `${share.times(100).toDecimalPlaces(1).toFixed()}%`

/**
 * Why billed and tracked differ, when the numbers can tell. Tokens match but money does not → our price
 * is off (price drift); billed tokens missing from what we track → some service is not reporting
 * (untracked calls); more tracked than billed → double reporting or a wrong price. Pure.
 */
export function explainGap(row: ReconciliationRow & { matched: boolean; otherCurrencies: readonly string[] }): GapExplanation {
  const billed = new Decimal(row.billed_usd)
  const tracked = new Decimal(row.tracked_usd)
  const gap = billed.minus(tracked)
  if (!row.matched) {
    return { kind: 'unmatched_line', text: `The bill names '${row.model}', which matches no catalog model or alias: add the model or an alias so its calls can be compared.` }
  }
  if (row.otherCurrencies.length > 0 && billed.isZero()) {
    return { kind: 'other_currency', text: `Billed in ${row.otherCurrencies.join(', ')}: shown as billed, not converted, so no capture rate in USD.` }
  }
  if (billed.isZero()) {
    if (tracked.isZero()) return { kind: 'match', text: 'Nothing billed and nothing tracked.' }
    if (row.billed_tokens !== null) {
      return { kind: 'not_billed', text: `The bill counts ${row.billed_tokens} tokens but charges nothing for this model: load its cost report for these days too (usage alone has no money), or the calls were free.` }
    }
    return { kind: 'not_billed', text: `Tracked ${usd(tracked)} that the bill does not show for this model: double reporting, or calls billed under another model or account.` }
  }
  if (near(billed, tracked)) return { kind: 'match', text: 'Billed and tracked agree.' }
  const billedTokens = row.billed_tokens === null ? null : new Decimal(row.billed_tokens)
  const trackedTokens = new Decimal(row.tracked_tokens)
  if (billedTokens !== null && !billedTokens.isZero()) {
    if (near(billedTokens, trackedTokens)) {
      if (tracked.isZero()) {
        return { kind: 'price_drift', text: `Tokens match but nothing was priced: the model has no price in force here, so its calls are unpriced (cost unknown, not free).` }
      }
      const factor = billed.dividedBy(tracked)
      return {
        kind: 'price_drift',
        text: `Tokens match but money does not: the provider charged ${usd(billed)} for what our price table values at ${usd(tracked)} (× ${factor.toDecimalPlaces(4).toFixed()}). Our price for this model is off.`,
        priceFactor: factor.toFixed(),
      }
    }
    if (trackedTokens.lt(billedTokens)) {
      const missing = billedTokens.minus(trackedTokens)
      return {
        kind: 'untracked_calls',
        text: `${missing.toFixed()} of ${billedTokens.toFixed()} billed tokens (${pct(missing.dividedBy(billedTokens))}) were never reported: some service is calling this model without reporting usage (${usd(gap)} untracked).`,
      }
    }
    return { kind: 'over_tracked', text: `More tokens tracked (${trackedTokens.toFixed()}) than billed (${billedTokens.toFixed()}): double reporting — a service reports some calls twice, or under this provider by mistake.` }
  }
  if (gap.isPositive()) {
    return { kind: 'untracked_calls', text: `${usd(gap)} billed but not tracked (${pct(gap.dividedBy(billed))} of the bill): untracked calls or a price below the provider's; the bill gives no tokens to tell them apart.` }
  }
  return { kind: 'over_tracked', text: `Tracked ${usd(gap.negated())} more than billed: double reporting or a wrong (too high) price; the bill gives no tokens to tell them apart.` }
}
