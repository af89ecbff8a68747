import { expect, test, type APIRequestContext } from '@playwright/test'
import { formatUsd } from '@/components/ui/format'
import { prisma } from '@/lib/db'
import { comparisonPeriod } from '@/lib/reports/comparison-period'
import { toUtcDay, utcMonthOf } from '@/lib/time/utc-days'
import { loginAs, signOut } from './helpers/login'

// The Spend page against the spend API and the rollups: the figures on the page are the API's.

type SpendApi = { totals: { cost_usd: string | null; unpriced_calls: number | string; calls: number | string }; rows: Array<Record<string, unknown>> }

async function spendApi(request: APIRequestContext, query: string): Promise<SpendApi> {
  const res = await request.get(`/api/v1/spend?${query}`)
  expect(res.status(), await res.text()).toBe(200)
  return (await res.json()) as SpendApi
}

function thisMonth() {
  const now = new Date()
  return { from: utcMonthOf(now).firstDay, to: toUtcDay(now) }
}

test('finance: month-to-date total, change vs the period before and the unpriced banner match the spend API', async ({ page }, testInfo) => {
  await loginAs(page, 'finance')
  await page.goto('/spend')
  await expect(page.getByRole('heading', { name: 'Spend', exact: true })).toBeVisible()
  const { from, to } = thisMonth()

  const api = await spendApi(page.request, `from=${from}&to=${to}`)
  expect(api.totals.cost_usd).not.toBeNull()
  await expect(page.getByTestId('spend-total')).toHaveText(formatUsd(api.totals.cost_usd))

  const prev = comparisonPeriod({ from, to })
  const prevApi = await spendApi(page.request, `from=${prev.from}&to=${prev.to}`)
  await expect(page.getByTestId('spend-change-period')).toContainText(`${formatUsd(prevApi.totals.cost_usd)} on ${prev.from} – ${prev.to}`)

  // Finance may pick a team; the list holds the demo teams.
  const teamFilter = page.getByTestId('team-filter')
  await expect(teamFilter).toBeVisible()
  await expect(teamFilter.locator('option[value="search"]')).toHaveCount(1)
  await expect(teamFilter.locator('option[value="support"]')).toHaveCount(1)

  const byModel = await spendApi(page.request, `from=${from}&to=${to}&group_by=model`)
  const unpricedModels = byModel.rows.filter((r) => Number(r.unpriced_calls) > 0).length
  if (Number(api.totals.unpriced_calls) > 0) {
    const banner = page.getByTestId('unpriced-banner')
    await expect(banner.getByTestId('unpriced-calls')).toHaveText(Number(api.totals.unpriced_calls).toLocaleString('en-US'))
    await expect(banner.getByTestId('unpriced-models')).toHaveText(String(unpricedModels))
    await expect(banner.getByRole('link', { name: 'See unpriced models' })).toHaveAttribute('href', '/models?unpriced=1')
  } else {
    await expect(page.getByTestId('unpriced-banner')).toHaveCount(0)
  }

  // Top teams list every team with spend; the per-route split adds up to the total.
  await expect(page.getByTestId('top-teams')).toContainText('Search')
  const byRoute = await spendApi(page.request, `from=${from}&to=${to}&group_by=route`)
  for (const r of byRoute.rows) {
    await expect(page.getByTestId('split-route').locator(`tr[data-split="${String(r.route ?? 'unmatched')}"]`)).toContainText(formatUsd(r.cost_usd as string | null))
  }

  await page.screenshot({ path: testInfo.outputPath('spend-finance.png'), fullPage: true })
})

test('finance: filtering by team narrows the page to that team and the CSV follows the filters', async ({ page }) => {
  await loginAs(page, 'finance')
  await page.goto('/spend')
  await page.getByTestId('team-filter').selectOption('support')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page).toHaveURL(/team=support/)
  const { from, to } = thisMonth()
  const api = await spendApi(page.request, `from=${from}&to=${to}&team=support`)
  await expect(page.getByTestId('spend-total')).toHaveText(formatUsd(api.totals.cost_usd))

  const csv = await page.request.get(`/spend/export?table=teams&team=support&from=${from}&to=${to}`)
  expect(csv.status()).toBe(200)
  expect(csv.headers()['content-type']).toContain('text/csv')
  const lines = (await csv.text()).trim().split('\r\n')
  expect(lines[0]).toBe('team,calls,input_tokens,cache_read_tokens,cache_write_tokens,output_tokens,reasoning_tokens,cost_usd,unpriced_calls,flagged_calls,potential_saving_usd')
  expect(lines).toHaveLength(2)
  expect(lines[1]?.split(',')[0]).toBe('support')
  expect(lines[1]?.split(',')[7]).toBe(api.totals.cost_usd ?? '')
})

test('engineer: no team filter, only search data (cross-checked with the rollups), other teams refused', async ({ page }, testInfo) => {
  await loginAs(page, 'engineer')
  await page.goto('/spend')
  await expect(page.getByRole('heading', { name: 'Spend', exact: true })).toBeVisible()
  await expect(page.getByTestId('team-filter')).toHaveCount(0)
  await expect(page.getByTestId('top-teams')).toHaveCount(0)

  const { from, to } = thisMonth()
  const search = await prisma.team.findUniqueOrThrow({ where: { slug: 'search' } })
  const rollup = await prisma.rollupDaily.aggregate({
    where: { teamId: search.id, day: { gte: new Date(`${from}T00:00:00Z`), lte: new Date(`${to}T00:00:00Z`) } },
    _sum: { cost: true },
  })
  const api = await spendApi(page.request, `from=${from}&to=${to}`)
  // The engineer's session reads the search team only, and that is what the rollups hold for search.
  expect(api.totals.cost_usd).toBe(rollup._sum.cost?.toFixed() ?? '0')
  await expect(page.getByTestId('spend-total')).toHaveText(formatUsd(api.totals.cost_usd))

  const budgets = page.getByTestId('budget-burn').locator('li[data-testid^="budget-"]')
  await expect(budgets).toHaveCount(1)
  await expect(budgets.first()).toHaveAttribute('data-testid', 'budget-search')

  const csv = await page.request.get('/spend/export?table=teams')
  expect(csv.status()).toBe(200)
  const rows = (await csv.text()).trim().split('\r\n').slice(1)
  expect(rows.map((r) => r.split(',')[0])).toEqual(['search'])

  expect((await page.request.get('/spend/export?table=teams&team=support')).status()).toBe(403)
  await page.goto('/spend?team=support')
  await expect(page.getByText('403 — not allowed')).toBeVisible()

  await page.goto('/spend')
  await page.screenshot({ path: testInfo.outputPath('spend-engineer.png'), fullPage: true })
})

test('team lead and admin see the spend page; bad filters show an error, not a 500', async ({ page }, testInfo) => {
  await loginAs(page, 'team_lead')
  await page.goto('/spend')
  await expect(page.getByTestId('spend-total')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('spend-team-lead.png'), fullPage: true })
  const res = await page.goto('/spend?from=2026-02-30')
  expect(res?.status()).toBe(200)
  await expect(page.getByTestId('filter-error')).toContainText('from must be a real calendar day')

  await signOut(page)
  await loginAs(page, 'admin')
  await page.goto('/spend')
  await expect(page.getByTestId('team-filter')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('spend-admin.png'), fullPage: true })
})

test('the spend CSV export refuses anonymous callers', async ({ request }) => {
  const res = await request.get('/spend/export?table=daily', { maxRedirects: 0 })
  expect([302, 303, 307, 401]).toContain(res.status())
})
