import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importBill } from '@/lib/bills/import-bill'
import { loadClosedMonthComparison } from '@/lib/bills/closed-month-comparison'
import { acceptPriceDrift } from '@/lib/bills/price-drift'
import { queryReconciliation } from '@/lib/bills/query-reconciliation'
import { saveReconciliationSettings } from '@/lib/bills/reconciliation-settings'
import { pool, prisma } from '@/lib/db'
import { closeProducerQueues } from '@/lib/queues'
import { anthropicCostReport, anthropicUsageReport, createBillModel, daysAgo, hex, openAiCostsPage, openAiUsagePage, trackCalls } from './bill-fixtures'
import { createTestTeam } from './fixtures'

// Each format reconciled to figures computed by hand: a model of the test's own, its price, events
// through the real ingest path, and bills shaped as the providers' references show them.

const actor = { name: 'bills-test' }
const D1 = daysAgo(5)
const D2 = daysAgo(4)

async function rowOf(provider: string, day: string, model: string) {
  const { rows } = await queryReconciliation(pool, { from: day, to: day, provider })
  return rows.find((r) => r.model === model)
}
const lineCount = (provider: string) => prisma.providerBillLine.count({ where: { provider } })

let teamId: number
beforeAll(async () => {
  teamId = (await createTestTeam()).team.id
})
afterAll(async () => {
  await closeProducerQueues()
})

describe('OpenAI Costs + Usage pages (multi-page export)', () => {
  const slug = `gpt-t${hex()}`
  const dated = `${slug}-2024-08-06`
  // Price: $2 / 1M input, $8 / 1M output. 10 calls a day of 1000 in + 500 out = $0.06 and 15000 tokens.
  const page1 = () => openAiCostsPage([{ start: D1.start, end: D1.end, lines: [{ lineItem: `${dated}, input`, value: 0.02 }, { lineItem: `${dated}, output`, value: 0.04 }] }], true)
  const page2 = (output: number) => openAiCostsPage([{ start: D2.start, end: D2.end, lines: [{ lineItem: `${dated}, input`, value: 0.025 }, { lineItem: `${dated}, output`, value: output }] }], false)
  const usage = () =>
    openAiUsagePage([D1, D2].map((d) => ({ start: d.start, end: d.end, model: dated, input: 10_000, output: 5_000, cached: 0, requests: 10 })))

  beforeAll(async () => {
    await createBillModel({ provider: 'openai', slug, aliases: [dated], input: '2', output: '8' })
    await trackCalls(teamId, slug, D1.day, 10, { input: 1000, output: 500 })
    await trackCalls(teamId, slug, D2.day, 10, { input: 1000, output: 500 })
  })

  it('loads pages from several files as one, and reconciles to the hand-computed figures', async () => {
    const preview = await importBill(prisma, pool, { format: 'openai', files: [{ name: 'p1.json', text: page1() }, { name: 'p2.json', text: page2(0.05) }, { name: 'usage.json', text: usage() }], dryRun: true, actor })
    expect(preview).toMatchObject({ dryRun: true, importId: null, lines: 6, inserted: 6, updated: 0 })
    expect(preview.preview.filter((l) => l.modelRaw === dated).every((l) => l.model === slug)).toBe(true)

    const loaded = await importBill(prisma, pool, { format: 'openai', files: [{ name: 'p1.json', text: page1() }, { name: 'p2.json', text: page2(0.05) }, { name: 'usage.json', text: usage() }], dryRun: false, actor })
    expect(loaded).toMatchObject({ lines: 6, inserted: 6, updated: 0, unchanged: 0 })
    expect(loaded.importId).not.toBeNull()

    const d1 = await rowOf('openai', D1.day, slug)
    expect(d1).toMatchObject({ billed_usd: '0.06', tracked_usd: '0.06', capture_rate: '1', billed_tokens: 15000, tracked_tokens: 15000, matched: true })
    expect(d1?.explanation.kind).toBe('match')

    // $0.025 + $0.05 billed for the same 15000 tokens we value at $0.06: the price is 1.25× ours.
    const d2 = await rowOf('openai', D2.day, slug)
    expect(d2).toMatchObject({ billed_usd: '0.075', tracked_usd: '0.06', capture_rate: '0.8', billed_tokens: 15000, tracked_tokens: 15000, gap: '0.015' })
    expect(d2?.explanation).toMatchObject({ kind: 'price_drift', priceFactor: '1.25' })
  })

  it('loading the same export again — now one file of concatenated pages — changes nothing', async () => {
    const importsBefore = await prisma.billImport.count()
    const before = await prisma.providerBillLine.findMany({ where: { provider: 'openai', modelRaw: { startsWith: slug } }, orderBy: { id: 'asc' } })
    const again = await importBill(prisma, pool, { format: 'openai', files: [{ name: 'all.json', text: `${page1()}\n${page2(0.05)}\n${usage()}` }], dryRun: false, actor })
    expect(again).toMatchObject({ importId: null, inserted: 0, updated: 0, unchanged: 6 })
    expect(await prisma.billImport.count()).toBe(importsBefore)
    expect(await prisma.providerBillLine.findMany({ where: { provider: 'openai', modelRaw: { startsWith: slug } }, orderBy: { id: 'asc' } })).toEqual(before)
  })

  it('a corrected file replaces exactly the lines it covers', async () => {
    const fixed = await importBill(prisma, pool, { format: 'openai', files: [{ name: 'p2-fixed.json', text: page2(0.045) }], dryRun: false, actor })
    expect(fixed).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 })
    expect((await rowOf('openai', D2.day, slug))?.billed_usd).toBe('0.07')
    expect((await rowOf('openai', D1.day, slug))?.billed_usd).toBe('0.06')
    await importBill(prisma, pool, { format: 'openai', files: [{ name: 'p2.json', text: page2(0.05) }], dryRun: false, actor })
  })

  it('price drift: the implied price becomes a version only when accepted, audited, with a re-price dry run', async () => {
    const model = await prisma.model.findUniqueOrThrow({ where: { slug } })
    expect(await prisma.priceVersion.count({ where: { modelId: model.id } })).toBe(1)
    const { proposal, versionId, repriceRunId } = await acceptPriceDrift(prisma, pool, { provider: 'openai', date: D2.day, model: slug, actor })
    expect(proposal.implied).toMatchObject({ input: '2.5', output: '10' })
    const version = await prisma.priceVersion.findUniqueOrThrow({ where: { id: versionId } })
    expect(version.effectiveFrom.toISOString()).toBe(`${D2.day}T00:00:00.000Z`)
    expect(version.input.toFixed()).toBe('2.5')
    expect(await prisma.auditLog.count({ where: { action: 'price.add', entityId: String(versionId), actor: 'bills-test' } })).toBe(1)
    const run = await prisma.repriceRun.findUniqueOrThrow({ where: { id: repriceRunId } })
    expect(run).toMatchObject({ dryRun: true, status: 'done', modelId: model.id, total: 10 })
  })

  it('a bad file is refused naming the JSON path, and nothing is loaded', async () => {
    const count = await lineCount('openai')
    const bad = page1().replace('"currency": "usd"', '"currency": ""')
    await expect(importBill(prisma, pool, { format: 'openai', files: [{ name: 'bad.json', text: bad }], dryRun: false, actor })).rejects.toThrow(/bad\.json page 1: \$\.data\[0\]\.results\[0\]\.amount\.currency/)
    await expect(importBill(prisma, pool, { format: 'openai', files: [{ name: 'broken.json', text: '{\n  "object": "page",\n  "data": [,]\n}' }], dryRun: false, actor })).rejects.toThrow(/broken\.json: line 3, column 12/)
    await expect(importBill(prisma, pool, { format: 'openai', files: [{ name: 'a.json', text: page1() }, { name: 'b.json', text: page1() }], dryRun: false, actor })).rejects.toThrow(/b\.json page 1: data\[0\]\.results\[0\] repeats a\.json page 1: data\[0\]\.results\[0\]/)
    expect(await lineCount('openai')).toBe(count)
  })
})

describe('Anthropic cost report (cents) + usage report', () => {
  const slug = `claude-t${hex()}`
  const dated = `${slug}-20250514`
  // Non-token lines are keyed by their description: unique per run, as the test database is shared.
  const search = `Web Search ${hex()}`
  // $3 / 1M input, $15 / 1M output; a call of 10000 in + 2000 out costs $0.06.
  const costs = () =>
    anthropicCostReport([
      {
        day: D1.day,
        results: [
          { amount: '12', model: dated, costType: 'tokens', tokenType: 'uncached_input_tokens', description: 'Claude T Usage - Input Tokens' },
          { amount: '12.000', model: dated, costType: 'tokens', tokenType: 'output_tokens', description: 'Claude T Usage - Output Tokens' },
          { amount: '1.5', model: null, costType: 'web_search', tokenType: null, description: search },
        ],
      },
      {
        day: D2.day,
        results: [
          { amount: '36', model: dated, costType: 'tokens', tokenType: 'uncached_input_tokens', description: 'Claude T Usage - Input Tokens' },
          { amount: '24', model: dated, costType: 'tokens', tokenType: 'output_tokens', description: 'Claude T Usage - Output Tokens' },
        ],
      },
    ])
  const usage = () =>
    anthropicUsageReport([
      { day: D1.day, model: dated, uncached: 30_000, cache5m: 5_000, cache1h: 0, cacheRead: 5_000, output: 8_000 },
      { day: D2.day, model: dated, uncached: 80_000, cache5m: 0, cache1h: 0, cacheRead: 0, output: 16_000 },
    ])

  beforeAll(async () => {
    await createBillModel({ provider: 'anthropic', slug, aliases: [dated], input: '3', output: '15' })
    await trackCalls(teamId, slug, D1.day, 4, { input: 10_000, output: 2_000 })
    await trackCalls(teamId, slug, D2.day, 2, { input: 10_000, output: 2_000 })
  })

  it('reads amounts as cents, and reconciles to the hand-computed figures', async () => {
    const loaded = await importBill(prisma, pool, { format: 'anthropic', files: [{ name: 'cost.json', text: costs() }, { name: 'usage.json', text: usage() }], dryRun: false, actor })
    expect(loaded).toMatchObject({ lines: 7, inserted: 7 })
    // 12 + 12 + 1.5 + 36 + 24 cents = $0.855
    expect(loaded.totals).toEqual([{ provider: 'anthropic', currency: 'USD', amount: '0.855' }])

    // "12" + "12.000" cents = $0.24 for 48000 tokens; we tracked 4 × $0.06 and 4 × 12000 tokens.
    const d1 = await rowOf('anthropic', D1.day, slug)
    expect(d1).toMatchObject({ billed_usd: '0.24', tracked_usd: '0.24', capture_rate: '1', billed_tokens: 48000, tracked_tokens: 48000 })

    // The web search line names no model: shown as its own unmatched line, never dropped.
    const searchRow = await rowOf('anthropic', D1.day, search.toLowerCase())
    expect(searchRow).toMatchObject({ billed_usd: '0.015', matched: false, tracked_usd: '0' })
    expect(searchRow?.explanation.kind).toBe('unmatched_line')

    // $0.60 billed for 96000 tokens; we saw 2 calls (24000 tokens, $0.12): 72000 tokens untracked.
    const d2 = await rowOf('anthropic', D2.day, slug)
    expect(d2).toMatchObject({ billed_usd: '0.6', tracked_usd: '0.12', capture_rate: '0.2', billed_tokens: 96000, tracked_tokens: 24000, gap: '0.48' })
    expect(d2?.explanation.kind).toBe('untracked_calls')
    expect(d2?.explanation.text).toContain('72000 of 96000 billed tokens (75%)')
  })

  it('re-import changes nothing', async () => {
    const again = await importBill(prisma, pool, { format: 'anthropic', files: [{ name: 'both.json', text: `[${costs()}, ${usage()}]` }], dryRun: false, actor })
    expect(again).toMatchObject({ importId: null, inserted: 0, updated: 0, unchanged: 7 })
  })

  it('refuses an amount that is not a decimal string, naming its path', async () => {
    const bad = costs().replace('"amount":"36"', '"amount":36')
    await expect(importBill(prisma, pool, { format: 'anthropic', files: [{ name: 'cost.json', text: bad }], dryRun: false, actor })).rejects.toThrow(/cost\.json page 1: \$\.data\[1\]\.results\[0\]\.amount/)
  })
})

describe('CSV bill, other currencies, and the capture-rate alert', () => {
  const provider = `acme-${hex()}`
  const slug = `acme-m-${hex()}`
  // $1 / 1M for input and output: 5 calls of 1000 + 1000 tokens = $0.01, 10000 tokens.
  const csv = (cost: string) => `date,provider,model,cost,currency,input_tokens,output_tokens\n${D1.day},${provider},${slug},${cost},USD,5000,5000\n${D1.day},${provider},acme-eu-model,3.10,EUR,,\n`

  beforeAll(async () => {
    await createBillModel({ provider, slug, aliases: [], input: '1', output: '1' })
    await trackCalls(teamId, slug, D1.day, 5, { input: 1000, output: 1000 })
  })

  it('loads with a preview, keeps EUR as billed, and alerts once when capture falls below the threshold', async () => {
    const team = await prisma.team.findUniqueOrThrow({ where: { id: teamId } })
    await saveReconciliationSettings(prisma, { thresholdPercent: '95', alertTeamSlug: team.slug, actor })
    const preview = await importBill(prisma, pool, { format: 'csv', files: [{ name: 'bill.csv', text: csv('0.0125') }], dryRun: true, actor })
    expect(preview.preview.map((l) => [l.modelRaw, l.model, l.amount, l.currency, l.tokens])).toEqual([
      ['acme-eu-model', null, '3.1', 'EUR', null],
      [slug, slug, '0.0125', 'USD', '10000'],
    ])
    expect(await lineCount(provider)).toBe(0)

    const loaded = await importBill(prisma, pool, { format: 'csv', files: [{ name: 'bill.csv', text: csv('0.0125') }], dryRun: false, actor })
    expect(loaded.alertsCreated).toBe(1)
    const r = await queryReconciliation(pool, { from: D1.day, to: D1.day, provider })
    expect(r.rows.find((x) => x.model === slug)).toMatchObject({ billed_usd: '0.0125', tracked_usd: '0.01', capture_rate: '0.8', billed_tokens: 10000, tracked_tokens: 10000 })
    expect(r.otherCurrency).toEqual([{ date: D1.day, provider, model: 'acme-eu-model', currency: 'EUR', amount: '3.1' }])
    expect(r.totals).toMatchObject({ billed_usd: '0.0125', tracked_usd: '0.01', capture_rate: '0.8' })
    const alert = await prisma.alert.findUniqueOrThrow({ where: { dedupeKey: `capture:${provider}:${D1.day}` } })
    expect(alert).toMatchObject({ kind: 'capture_rate', teamId })
    expect(alert.message).toContain('capture rate of 80%')

    const again = await importBill(prisma, pool, { format: 'csv', files: [{ name: 'bill.csv', text: csv('0.0125') }], dryRun: false, actor })
    expect(again).toMatchObject({ importId: null, alertsCreated: 0, unchanged: 2 })
    expect(await prisma.alert.count({ where: { dedupeKey: { startsWith: `capture:${provider}:` } } })).toBe(1)
  })

  it('a bad CSV names the line; nothing is half-loaded', async () => {
    const before = await lineCount(provider)
    const bad = `date,provider,model,cost\n${D2.day},${provider},${slug},0.5\n${D2.day},${provider},${slug}-x,1,5\n`
    await expect(importBill(prisma, pool, { format: 'csv', files: [{ name: 'bad.csv', text: bad }], dryRun: false, actor })).rejects.toThrow(/bad\.csv line 3: 5 fields, the header has 4/)
    await expect(importBill(prisma, pool, { format: 'csv', files: [{ name: 'bad.csv', text: `date,provider,model,cost\n${D2.day},${provider},${slug},0.1.2\n` }], dryRun: false, actor })).rejects.toThrow(/bad\.csv line 2: cost '0\.1\.2'/)
    expect(await lineCount(provider)).toBe(before)
  })
})

describe('a closed month shows its frozen tracked numbers beside the bill', () => {
  it('reads the statement frozen at close, and the rollups as they are now', async () => {
    const provider = `closed-${hex()}`
    const slug = `closed-m-${hex()}`
    await createBillModel({ provider, slug, aliases: [], input: '1', output: '1' })
    // A month long before any test data: its statement is written as closeMonth freezes it.
    const month = `19${String(70 + Math.floor(Math.random() * 29))}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}`
    const statement = { team: { id: teamId }, models: [{ modelKey: slug, modelId: null, cost: '1.5' }], totals: { cost: '1.5' } }
    await prisma.monthClose.deleteMany({ where: { teamId, month } })
    await prisma.monthClose.create({ data: { teamId, month, statement, totalCost: '1.5', unpricedCalls: 0n } })
    await importBill(prisma, pool, { format: 'csv', files: [{ name: 'old.csv', text: `date,provider,model,cost\n${month}-10,${provider},${slug},1.75\n${month}-11,${provider},${slug},0.25\n` }], dryRun: false, actor })
    const lines = await loadClosedMonthComparison(pool, { from: `${month}-01`, to: `${month}-28`, provider })
    expect(lines).toEqual([{ month, provider, model: slug, billedUsd: '2', frozenTrackedUsd: '1.5', liveTrackedUsd: '0' }])
  })
})
