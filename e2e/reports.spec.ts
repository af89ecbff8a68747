import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { createApiKey } from '@/lib/auth/api-keys'
import { prisma } from '@/lib/db'
import { Decimal } from '@/lib/pricing/decimal'
import { closeMonth } from '@/lib/reports/close-month'
import { formatUsd } from '@/components/ui/format'
import { parseCsv } from '@/test/parse-csv'
import { loginAs } from './helpers/login'

// The monthly statement and the FOCUS 1.2 export, checked against each other and the database.

const mandatoryFocusColumns = [
  'BilledCost', 'BillingAccountId', 'BillingAccountName', 'BillingCurrency', 'BillingPeriodEnd', 'BillingPeriodStart',
  'ChargeCategory', 'ChargeClass', 'ChargeDescription', 'ChargePeriodEnd', 'ChargePeriodStart', 'ContractedCost',
  'EffectiveCost', 'InvoiceIssuerName', 'ListCost', 'PricingQuantity', 'PricingUnit', 'ProviderName', 'PublisherName',
  'ServiceCategory', 'ServiceName',
]

const previousMonth = () => {
  const now = new Date()
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7)
}
const currentMonth = () => new Date().toISOString().slice(0, 7)

async function csv(request: APIRequestContext, url: string, headers: Record<string, string> = {}) {
  const res = await request.get(url, { headers })
  expect(res.status(), `${url}: ${res.status()}`).toBe(200)
  expect(res.headers()['content-type']).toContain('text/csv')
  const text = await res.text()
  return { header: text.slice(0, text.indexOf('\r\n')).split(','), rows: parseCsv(text) }
}

const sum = (rows: Record<string, string>[], column: string) => rows.reduce((acc, r) => acc.plus(r[column] || '0'), new Decimal(0))

async function rollupsCaughtUp() {
  await expect.poll(() => prisma.ingestBatch.count({ where: { rolledUpAt: null } }), { timeout: 30_000 }).toBe(0)
}

async function shoot(page: Page, path: string) {
  await page.screenshot({ path, fullPage: true })
}

test('a closed team shows who closed it, and a late event as an adjustment beside the frozen figure', async ({ page, request }, testInfo) => {
  test.setTimeout(120_000)
  const month = previousMonth()
  const tag = randomBytes(4).toString('hex')
  const team = await prisma.team.create({ data: { slug: `close-${tag}`, name: `Close e2e ${tag}` } })
  const { key } = await createApiKey(prisma, { teamId: team.id, name: 'e2e-close', actor: { name: 'e2e' } })
  const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0, 12)).toISOString()
  const post = async (id: string) => {
    const res = await request.post('/api/v1/usage', {
      headers: { authorization: `Bearer ${key}` },
      data: { events: [{ id, timestamp: lastDay, model: 'gpt-4o', input_tokens: 1000, output_tokens: 200 }] },
    })
    expect([200, 207]).toContain(res.status())
  }
  const teamCost = async () => (await prisma.rollupDaily.aggregate({ where: { teamId: team.id }, _sum: { cost: true } }))._sum.cost?.toFixed() ?? null
  await post('before-close')
  await expect.poll(teamCost, { timeout: 30_000 }).not.toBeNull()
  const frozen = (await teamCost()) as string
  const finance = await prisma.user.findUniqueOrThrow({ where: { email: 'finance@modelledger.dev' } })
  await closeMonth(prisma, { month, teamIds: [team.id], actor: { id: finance.id, name: finance.email } })
  await post('after-close')
  await expect.poll(teamCost, { timeout: 30_000 }).not.toBe(frozen)
  const live = (await teamCost()) as string
  const adjustment = new Decimal(live).minus(frozen)

  await loginAs(page, 'finance')
  await page.goto(`/reports?month=${month}`)
  const row = page.getByTestId('statement-teams').locator(`tr[data-team="${team.slug}"]`)
  await expect(row).toContainText('Closed')
  await expect(row).toContainText('by finance@modelledger.dev')
  await expect(row.locator('[data-cell="adjustment"]')).toHaveText(formatUsd(adjustment.toFixed(), { signed: true }))
  await expect(page.getByTestId('month-status')).toContainText(`${month} is open`)
  await row.scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('reports-closed-team-finance-1280.png') })

  const statement = await csv(page.request, `/reports/export?month=${month}`)
  const lines = statement.rows.filter((r) => r.team_slug === team.slug)
  expect(lines.map((r) => [r.line, r.status, r.closed_by, r.cost_usd])).toEqual([
    ['model', 'closed', 'finance@modelledger.dev', new Decimal(frozen).toFixed()],
    ['adjustment', 'closed', 'finance@modelledger.dev', adjustment.toFixed()],
  ])
})

test('finance reads last month’s statement; its CSV and the FOCUS export agree to the last digit', async ({ page }, testInfo) => {
  test.setTimeout(150_000)
  const month = previousMonth()
  await loginAs(page, 'finance')
  const res = await page.goto('/reports')
  expect(res?.status()).toBe(200)
  await expect(page.getByRole('heading', { name: 'Reports' })).toBeVisible()
  await expect(page.getByLabel('Month', { exact: true })).toHaveValue(month)
  await expect(page.getByTestId('statement-teams').locator('tr[data-team="search"]')).toBeVisible()
  await shoot(page, testInfo.outputPath('reports-finance-1280.png'))

  await rollupsCaughtUp()
  // The FOCUS export reads raw events and the statement reads rollups: equal exactly, once caught up.
  const focus = await csv(page.request, `/api/v1/exports/focus?month=${month}`)
  for (const column of mandatoryFocusColumns) expect(focus.header).toContain(column)
  expect(focus.rows.length).toBeGreaterThan(0)
  for (const r of focus.rows.slice(0, 200)) {
    for (const column of ['BilledCost', 'BillingAccountId', 'BillingCurrency', 'ChargePeriodStart', 'ChargeCategory', 'ProviderName', 'PublisherName', 'ServiceName', 'ServiceCategory', 'InvoiceIssuerName']) {
      expect(r[column], column).not.toBe('')
    }
    expect(r.ChargePeriodStart?.startsWith(month)).toBe(true)
    expect(r.PricingUnit).toBe('Tokens')
    expect(new Decimal(r.ListUnitPrice || '0').times(r.PricingQuantity ?? 'NaN').eq(r.ListCost ?? 'NaN') || r.x_PricingStatus === 'unpriced').toBe(true)
  }
  const statement = await csv(page.request, `/reports/export?month=${month}`)
  expect(statement.rows.length).toBeGreaterThan(0)
  const focusTotal = sum(focus.rows, 'BilledCost')
  const statementTotal = sum(statement.rows, 'cost_usd')
  expect(focusTotal.toFixed()).toBe(statementTotal.toFixed())
  const rollups = await prisma.rollupDaily.aggregate({
    where: { day: { gte: new Date(`${month}-01T00:00:00Z`), lt: new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)) } },
    _sum: { cost: true, inputTokens: true },
  })
  expect(focusTotal.toFixed()).toBe(new Decimal(rollups._sum.cost?.toFixed() ?? '0').toFixed())
  // Tokens too: Σ input-bucket quantities = Σ rollup input tokens.
  expect(sum(focus.rows.filter((r) => r.x_TokenBucket === 'input'), 'PricingQuantity').toFixed()).toBe(String(rollups._sum.inputTokens ?? 0))

  // The page shows the same team figure as the statement CSV.
  const searchCost = sum(statement.rows.filter((r) => r.team_slug === 'search' && r.line === 'model'), 'cost_usd')
  const shown = await page.getByTestId('statement-teams').locator('tr[data-team="search"] [data-cell="cost"]').innerText()
  expect(shown).toBe(`$${searchCost.toDecimalPlaces(2).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`)

  await page.setViewportSize({ width: 390, height: 844 })
  await page.reload()
  await shoot(page, testInfo.outputPath('reports-finance-390.png'))
})

test('the current month is not offered for closing, and a bad month keeps the month picker', async ({ page }, testInfo) => {
  test.setTimeout(90_000)
  const month = currentMonth()
  await loginAs(page, 'admin')
  await page.goto(`/reports?month=${month}`)
  await expect(page.getByTestId('month-status')).toContainText('current month')
  await expect(page.getByRole('button', { name: 'Close month' })).toHaveCount(0)
  await expect(page.getByTestId('close-month-unavailable')).toContainText('can be closed once it has ended')
  await shoot(page, testInfo.outputPath('reports-admin-current-month-1280.png'))

  await page.goto('/reports?month=banana')
  await expect(page.getByText('‘banana’ is not a month')).toBeVisible()
})

test('engineers and team leads get 403 on the reports page and both downloads', async ({ page }, testInfo) => {
  test.setTimeout(90_000)
  await loginAs(page, 'engineer')
  const denied = await page.goto('/reports')
  expect(denied?.status()).toBe(403)
  await expect(page.getByText('403 — not allowed')).toBeVisible()
  await shoot(page, testInfo.outputPath('reports-engineer-403.png'))
  expect((await page.request.get('/reports/export')).status()).toBe(403)
  const focus = await page.request.get('/api/v1/exports/focus')
  expect(focus.status()).toBe(403)
  expect((await focus.json()).error.code).toBe('forbidden')
})

test('a team key with spend:read gets only its own team from the FOCUS export', async ({ request }) => {
  const month = previousMonth()
  const search = await prisma.team.findUniqueOrThrow({ where: { slug: 'search' } })
  const { key } = await createApiKey(prisma, { teamId: search.id, name: `focus-${randomBytes(4).toString('hex')}`, scopes: ['spend:read'], actor: { name: 'e2e' } })
  const own = await csv(request, `/api/v1/exports/focus?month=${month}`, { authorization: `Bearer ${key}` })
  expect(own.rows.length).toBeGreaterThan(0)
  expect(new Set(own.rows.map((r) => r.SubAccountName))).toEqual(new Set(['search']))
  expect(new Set(own.rows.map((r) => r.SubAccountId))).toEqual(new Set([String(search.id)]))

  const other = await request.get(`/api/v1/exports/focus?month=${month}&team=support`, { headers: { authorization: `Bearer ${key}` } })
  expect(other.status()).toBe(403)

  const { key: orgKey } = await createApiKey(prisma, { teamId: null, name: `focus-org-${randomBytes(4).toString('hex')}`, actor: { name: 'e2e' } })
  const all = await csv(request, `/api/v1/exports/focus?month=${month}`, { authorization: `Bearer ${orgKey}` })
  expect(new Set(all.rows.map((r) => r.SubAccountName)).size).toBeGreaterThan(1)
  expect(all.rows.filter((r) => r.SubAccountName === 'search').length).toBe(own.rows.length)

  const anonymous = await request.get(`/api/v1/exports/focus?month=${month}`)
  expect(anonymous.status()).toBe(401)
  const { key: ingestOnly } = await createApiKey(prisma, { teamId: search.id, name: `ingest-${randomBytes(4).toString('hex')}`, scopes: ['usage:write'], actor: { name: 'e2e' } })
  expect((await request.get(`/api/v1/exports/focus?month=${month}`, { headers: { authorization: `Bearer ${ingestOnly}` } })).status()).toBe(403)
})
