import { describe, expect, it } from 'vitest'
import { Decimal } from '@/lib/pricing/decimal'
import { toCsv } from '@/lib/csv/to-csv'
import { calculateCost } from '@/lib/pricing/calculate-cost'
import { defaultFocusContext, focusColumns, focusTags, MAX_TAG_VALUES, previousMonth, sumBilledCost, toFocusRows, type FocusRow, type FocusUsageGroup } from './focus-export'

// The FOCUS 1.2 Mandatory columns: [name, nullable] (feature level "Mandatory" in the 1.2 column list).
const mandatory: [string, boolean][] = [
  ['BilledCost', false],
  ['BillingAccountId', false],
  ['BillingAccountName', true],
  ['BillingCurrency', false],
  ['BillingPeriodEnd', false],
  ['BillingPeriodStart', false],
  ['ChargeCategory', false],
  ['ChargeClass', true],
  ['ChargeDescription', true],
  ['ChargePeriodEnd', false],
  ['ChargePeriodStart', false],
  ['ContractedCost', false],
  ['EffectiveCost', false],
  ['InvoiceIssuerName', false],
  ['ListCost', false],
  ['PricingQuantity', true],
  ['PricingUnit', true],
  ['ProviderName', false],
  ['PublisherName', false],
  ['ServiceCategory', false],
  ['ServiceName', false],
]

const ctx = { month: '2025-01', ...defaultFocusContext }

const gpt4o: FocusUsageGroup = {
  day: '2025-01-05',
  teamId: 7,
  teamSlug: 'search',
  teamName: 'Search',
  modelKey: 'gpt-4o',
  modelName: 'GPT-4o',
  provider: 'openai',
  family: 'OpenAI',
  deployment: 'closed_api',
  // $2.50 input, cache read $1.25, no cache-write price (falls back to input), $10 output, no reasoning price.
  priceVersion: { id: 42, input: '2.5', cacheRead: '1.25', cacheWrite: null, output: '10', reasoning: null },
  tokens: { input: '1000001', cacheRead: '3', cacheWrite: '7', output: '333', reasoning: '0' },
  tags: { feature: ['search', 'answer'], environment: ['prod'] },
}

const unpriced: FocusUsageGroup = {
  day: '2025-01-31',
  teamId: 8,
  teamSlug: 'support',
  teamName: 'Support',
  modelKey: 'mystery-model-v9',
  modelName: null,
  provider: null,
  family: null,
  deployment: null,
  priceVersion: null,
  tokens: { input: '500', cacheRead: '0', cacheWrite: '0', output: '20', reasoning: '0' },
  tags: {},
}

const local: FocusUsageGroup = {
  ...gpt4o,
  modelKey: 'llama-3.1-70b',
  modelName: 'Llama 3.1 70B',
  provider: 'meta',
  family: 'Meta',
  deployment: 'local',
  priceVersion: { id: 9, input: '0', cacheRead: null, cacheWrite: null, output: '0', reasoning: null },
  tokens: { input: '10', cacheRead: '0', cacheWrite: '0', output: '0', reasoning: '0' },
}

describe('toFocusRows', () => {
  const rows = toFocusRows([gpt4o, unpriced, local], ctx)

  it('has every FOCUS 1.2 mandatory column, and fills every non-nullable one on every row', () => {
    for (const [name, nullable] of mandatory) {
      expect(focusColumns).toContain(name)
      if (nullable) continue
      for (const row of rows) expect(row[name as keyof typeof row], `${name} on ${row.SkuId}`).toMatch(/\S/)
    }
    for (const row of rows) expect(Object.keys(row).sort()).toEqual([...focusColumns].sort())
  })

  it('makes one row per bucket with tokens, quantities exact', () => {
    const buckets = rows.filter((r) => r.ResourceId === 'gpt-4o').map((r) => [r.x_TokenBucket, r.PricingQuantity, r.ConsumedQuantity])
    expect(buckets).toEqual([
      ['input', '1000001', '1000001'],
      ['cache-read', '3', '3'],
      ['cache-write', '7', '7'],
      ['output', '333', '333'],
    ])
    expect(rows).toHaveLength(4 + 2 + 1)
  })

  it('prices each bucket at its rate (fallbacks included), exactly, with cost = unit price × quantity', () => {
    const byBucket: Record<string, FocusRow> = Object.fromEntries(rows.filter((r) => r.ResourceId === 'gpt-4o').map((r) => [r.x_TokenBucket ?? '', r]))
    expect(byBucket.input?.BilledCost).toBe('2.5000025') // 1000001 × 2.5 / 1e6
    expect(byBucket.input?.ListUnitPrice).toBe('0.0000025')
    expect(byBucket['cache-read']?.BilledCost).toBe('0.00000375') // 3 × 1.25 / 1e6
    expect(byBucket['cache-write']?.BilledCost).toBe('0.0000175') // 7 × 2.5 (input fallback) / 1e6
    expect(byBucket.output?.BilledCost).toBe('0.00333') // 333 × 10 / 1e6
    for (const r of Object.values(byBucket)) {
      expect(r.EffectiveCost).toBe(r.BilledCost)
      expect(r.ListCost).toBe(r.BilledCost)
      expect(r.ContractedCost).toBe(r.BilledCost)
      expect(new Decimal(r.ListUnitPrice ?? 'NaN').times(r.PricingQuantity ?? 'NaN').eq(r.ListCost ?? 'NaN')).toBe(true)
    }
    // Equal, digit for digit, to what ingest's calculateCost charges the same tokens at the same version.
    const pv = gpt4o.priceVersion!
    const d = (v: string | null) => (v === null ? null : new Decimal(v))
    const eventCost = calculateCost(
      { input: 1000001, cacheRead: 3, cacheWrite: 7, output: 333, reasoning: 0 },
      { id: pv.id, modelId: 1, effectiveFrom: new Date(0), effectiveTo: null, input: new Decimal(pv.input), cacheRead: d(pv.cacheRead), cacheWrite: d(pv.cacheWrite), output: new Decimal(pv.output), reasoning: d(pv.reasoning) },
    )
    expect(sumBilledCost(rows.filter((r) => r.ResourceId === 'gpt-4o')).toFixed()).toBe(eventCost.toFixed())
    expect(eventCost.toFixed()).toBe('2.50335375')
  })

  it('fills periods, account, service and sub-account columns', () => {
    const r = rows[0]!
    expect(r).toMatchObject({
      BillingAccountId: 'modelledger',
      BillingCurrency: 'USD',
      BillingPeriodStart: '2025-01-01T00:00:00Z',
      BillingPeriodEnd: '2025-02-01T00:00:00Z',
      ChargePeriodStart: '2025-01-05T00:00:00Z',
      ChargePeriodEnd: '2025-01-06T00:00:00Z',
      ChargeCategory: 'Usage',
      ChargeClass: null,
      ServiceCategory: 'AI and Machine Learning',
      ServiceName: 'GPT-4o',
      ProviderName: 'openai',
      PublisherName: 'OpenAI',
      InvoiceIssuerName: 'ModelLedger',
      PricingUnit: 'Tokens',
      SubAccountId: '7',
      SubAccountName: 'search',
      ResourceId: 'gpt-4o',
      SkuPriceId: 'pv-42/input',
      x_PricingStatus: 'priced',
    })
    expect(JSON.parse(r.Tags ?? '')).toEqual({ environment: 'prod', feature: 'answer, search' })
    const lastDay = rows.find((x) => x.SubAccountName === 'support')!
    expect(lastDay.ChargePeriodEnd).toBe('2025-02-01T00:00:00Z')
  })

  it('exports unpriced usage with its tokens, cost 0 and flagged — never as a priced row', () => {
    const u = rows.filter((r) => r.SubAccountName === 'support')
    expect(u.map((r) => [r.x_TokenBucket, r.PricingQuantity, r.BilledCost, r.ListUnitPrice, r.x_PricingStatus])).toEqual([
      ['input', '500', '0', null, 'unpriced'],
      ['output', '20', '0', null, 'unpriced'],
    ])
    expect(u[0]?.ChargeDescription).toContain('UNPRICED')
    expect(u[0]?.ServiceName).toBe('mystery-model-v9')
    expect(u[0]?.ProviderName).toBe('Unknown')
    expect(u[0]?.Tags).toBeNull()
  })

  it('treats an explicit price of 0 (a local model) as a real price, hosted by the organisation', () => {
    const l = rows.find((r) => r.ResourceId === 'llama-3.1-70b')!
    expect(l).toMatchObject({ BilledCost: '0', ListUnitPrice: '0', x_PricingStatus: 'priced', ProviderName: 'Self-hosted', PublisherName: 'Meta' })
  })

  it('is sum-exact over many tiny costs', () => {
    const tiny: FocusUsageGroup = { ...gpt4o, priceVersion: { id: 1, input: '0.000000001', cacheRead: null, cacheWrite: null, output: '0.075', reasoning: null } }
    const many = toFocusRows(Array.from({ length: 1000 }, () => tiny), ctx)
    // per group: 1000011 × 1e-9 + 333 × 0.075 (+ cache buckets at input) all ÷ 1e6
    const one = sumBilledCost(toFocusRows([tiny], ctx))
    expect(sumBilledCost(many).eq(one.times(1000))).toBe(true)
    expect(one.toFixed()).toBe('0.000024976000011')
  })

  it('writes a CSV whose header is the column list', () => {
    const csv = toCsv(focusColumns, rows.map((r) => focusColumns.map((c) => r[c])))
    expect(csv.split('\r\n')[0]).toBe(focusColumns.join(','))
  })
})

describe('focusTags', () => {
  it('caps a key with too many values and says how many were left out', () => {
    const values = Array.from({ length: MAX_TAG_VALUES + 5 }, (_, i) => `r${String(i).padStart(2, '0')}`)
    const parsed = JSON.parse(focusTags({ request: values }) ?? '{}') as Record<string, string>
    expect(parsed.request).toMatch(/\(\+5 more\)$/)
  })
})

describe('previousMonth', () => {
  it.each([
    ['2026-11-29T05:00:00Z', '2026-10'],
    ['2026-01-01T00:00:00Z', '2025-12'],
    ['2026-03-31T23:59:59Z', '2026-02'],
  ])('%s → %s', (now, month) => expect(previousMonth(new Date(now))).toBe(month))
})
