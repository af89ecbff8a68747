import { Decimal } from '@/lib/pricing/decimal'

// FOCUS 1.2 (FinOps Open Cost and Usage Specification) rows from usage grouped by
// day × team × model × price version. Pure: the caller queries, this maps. One row per token bucket
// with tokens, priced exactly at the version that priced those events (tokens × rate ÷ 1M, Decimal).

export const TOKEN_BUCKETS = ['input', 'cacheRead', 'cacheWrite', 'output', 'reasoning'] as const
export type TokenBucket = (typeof TOKEN_BUCKETS)[number]

const bucketLabels: Record<TokenBucket, string> = {
  input: 'Input',
  cacheRead: 'Cache read',
  cacheWrite: 'Cache write',
  output: 'Output',
  reasoning: 'Reasoning',
}

const bucketIds: Record<TokenBucket, string> = {
  input: 'input',
  cacheRead: 'cache-read',
  cacheWrite: 'cache-write',
  output: 'output',
  reasoning: 'reasoning',
}

/** USD per 1M tokens as exact decimal strings; null cache rates bill at input, null reasoning at output. */
export type FocusPriceVersion = {
  id: number
  input: string
  cacheRead: string | null
  cacheWrite: string | null
  output: string
  reasoning: string | null
}

export type FocusUsageGroup = {
  /** 'YYYY-MM-DD', UTC */
  day: string
  teamId: number
  teamSlug: string
  teamName: string
  /** Catalog slug, or the model string as sent when it matched no catalog model (as in rollups). */
  modelKey: string
  /** Catalog display name; null for an unmatched model. */
  modelName: string | null
  provider: string | null
  family: string | null
  deployment: 'closed_api' | 'open_weights_api' | 'local' | null
  /** null: the events were unpriced (no version in force). */
  priceVersion: FocusPriceVersion | null
  /** Token sums per bucket, integer strings (a month of tokens can pass 2^53). */
  tokens: Record<TokenBucket, string>
  /** Distinct tag values per key among the group's events (any price version). */
  tags: Record<string, string[]>
}

export type FocusContext = {
  /** 'YYYY-MM' */
  month: string
  billingAccountId: string
  billingAccountName: string
  invoiceIssuerName: string
}

export const defaultFocusContext = { billingAccountId: 'modelledger', billingAccountName: 'ModelLedger', invoiceIssuerName: 'ModelLedger' } as const

/**
 * The columns in output order. Every FOCUS 1.2 Mandatory column is here; the Conditional and
 * Recommended ones are those that apply to token usage; x_ columns are ModelLedger's own (the spec's
 * prefix for custom columns).
 */
export const focusColumns = [
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodStart',
  'BillingPeriodEnd',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'BilledCost',
  'EffectiveCost',
  'ListCost',
  'ContractedCost',
  'ListUnitPrice',
  'ContractedUnitPrice',
  'PricingCategory',
  'PricingQuantity',
  'PricingUnit',
  'ConsumedQuantity',
  'ConsumedUnit',
  'InvoiceIssuerName',
  'InvoiceId',
  'ProviderName',
  'PublisherName',
  'ServiceCategory',
  'ServiceSubcategory',
  'ServiceName',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'SkuId',
  'SkuMeter',
  'SkuPriceId',
  'SubAccountId',
  'SubAccountName',
  'SubAccountType',
  'RegionId',
  'RegionName',
  'AvailabilityZone',
  'Tags',
  'x_TokenBucket',
  'x_PriceVersionId',
  'x_PricingStatus',
  'x_Deployment',
] as const

export type FocusColumn = (typeof focusColumns)[number]
export type FocusRow = Record<FocusColumn, string | null>

const MILLION = new Decimal(1_000_000)
/** A tag key with more distinct values than this in one row (a request id…) is cut, saying how many were left out. */
export const MAX_TAG_VALUES = 20

function rateOf(pv: FocusPriceVersion, bucket: TokenBucket): string {
  switch (bucket) {
    case 'input':
      return pv.input
    case 'cacheRead':
      return pv.cacheRead ?? pv.input
    case 'cacheWrite':
      return pv.cacheWrite ?? pv.input
    case 'output':
      return pv.output
    case 'reasoning':
      return pv.reasoning ?? pv.output
  }
}

function monthBounds(month: string): { start: string; end: string } {
  const m = /^(\d{4})-(\d{2})$/.exec(month)
  if (!m) throw new TypeError(`month must be YYYY-MM (got '${month}')`)
  const start = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1))
  const end = new Date(Date.UTC(Number(m[1]), Number(m[2]), 1))
  return { start: isoUtc(start), end: isoUtc(end) }
}

function dayBounds(day: string): { start: string; end: string } {
  const start = new Date(`${day}T00:00:00Z`)
  if (Number.isNaN(start.getTime())) throw new TypeError(`day must be YYYY-MM-DD (got '${day}')`)
  return { start: isoUtc(start), end: isoUtc(new Date(start.getTime() + 86_400_000)) }
}

const isoUtc = (d: Date) => d.toISOString().replace('.000Z', 'Z')

/** Tags as FOCUS wants them, a flat JSON object: one value as is, several sorted and comma-joined. */
export function focusTags(tags: Record<string, string[]>): string | null {
  const keys = Object.keys(tags).sort()
  if (keys.length === 0) return null
  const out: Record<string, string> = {}
  for (const key of keys) {
    const values = [...new Set(tags[key] ?? [])].sort()
    const shown = values.slice(0, MAX_TAG_VALUES)
    out[key] = shown.join(', ') + (values.length > shown.length ? ` (+${values.length - shown.length} more)` : '')
  }
  return JSON.stringify(out)
}

function providerName(g: FocusUsageGroup): string {
  // Running weights on your own hardware: nobody sells the service, the organisation hosts it.
  if (g.deployment === 'local') return 'Self-hosted'
  return g.provider ?? 'Unknown'
}

/** One FOCUS row per token bucket with tokens; buckets with no tokens produce no row. */
export function toFocusRows(groups: readonly FocusUsageGroup[], ctx: FocusContext): FocusRow[] {
  const billing = monthBounds(ctx.month)
  const rows: FocusRow[] = []
  for (const g of groups) {
    const charge = dayBounds(g.day)
    const serviceName = g.modelName ?? g.modelKey
    const tags = focusTags(g.tags)
    for (const bucket of TOKEN_BUCKETS) {
      const tokens = new Decimal(g.tokens[bucket])
      if (tokens.isZero()) continue
      const pv = g.priceVersion
      const perToken = pv ? new Decimal(rateOf(pv, bucket)).dividedBy(MILLION) : null
      // Unpriced usage is exported with its tokens and cost 0, flagged: FOCUS cost columns may not be
      // empty, and the statement it reconciles with counts it as unpriced calls, never as spend.
      const cost = perToken ? tokens.times(perToken).toFixed() : '0'
      const unitPrice = perToken ? perToken.toFixed() : null
      rows.push({
        BillingAccountId: ctx.billingAccountId,
        BillingAccountName: ctx.billingAccountName,
        BillingCurrency: 'USD',
        BillingPeriodStart: billing.start,
        BillingPeriodEnd: billing.end,
        ChargePeriodStart: charge.start,
        ChargePeriodEnd: charge.end,
        ChargeCategory: 'Usage',
        ChargeClass: null,
        ChargeDescription:
          `${serviceName} ${bucketLabels[bucket].toLowerCase()} tokens, team ${g.teamSlug}, ${g.day}` +
          (pv ? '' : ' — UNPRICED: no price in force, cost unknown (not free)'),
        ChargeFrequency: 'Usage-Based',
        BilledCost: cost,
        EffectiveCost: cost,
        ListCost: cost,
        ContractedCost: cost,
        ListUnitPrice: unitPrice,
        ContractedUnitPrice: unitPrice,
        PricingCategory: pv ? 'Standard' : null,
        PricingQuantity: tokens.toFixed(),
        PricingUnit: 'Tokens',
        ConsumedQuantity: tokens.toFixed(),
        ConsumedUnit: 'Tokens',
        InvoiceIssuerName: ctx.invoiceIssuerName,
        InvoiceId: null,
        ProviderName: providerName(g),
        PublisherName: g.family ?? g.provider ?? 'Unknown',
        ServiceCategory: 'AI and Machine Learning',
        ServiceSubcategory: 'Generative AI',
        ServiceName: serviceName,
        ResourceId: g.modelKey,
        ResourceName: serviceName,
        ResourceType: 'Model',
        SkuId: `${g.modelKey}/${bucketIds[bucket]}`,
        SkuMeter: `${bucketLabels[bucket]} tokens`,
        SkuPriceId: pv ? `pv-${pv.id}/${bucketIds[bucket]}` : null,
        SubAccountId: String(g.teamId),
        SubAccountName: g.teamSlug,
        SubAccountType: 'Team',
        RegionId: null,
        RegionName: null,
        AvailabilityZone: null,
        Tags: tags,
        x_TokenBucket: bucketIds[bucket],
        x_PriceVersionId: pv ? String(pv.id) : null,
        x_PricingStatus: pv ? 'priced' : 'unpriced',
        x_Deployment: g.deployment,
      })
    }
  }
  return rows
}

/** Σ BilledCost, exactly. */
export function sumBilledCost(rows: readonly FocusRow[]): Decimal {
  return rows.reduce((acc, r) => acc.plus(r.BilledCost ?? '0'), new Decimal(0))
}

/** 'YYYY-MM' of the month before `now`'s (UTC): the default month of statements and exports. */
export function previousMonth(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7)
}
