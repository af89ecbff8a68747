import { expect, test } from '@playwright/test'
import { loginAs } from './helpers/login'

test('anonymous /models redirects to /login', async ({ page }) => {
  await page.goto('/models')
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fmodels$/)
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible()
})

test('the catalog shows prices in force, stars, and unpriced models as unpriced', async ({ page }) => {
  await loginAs(page, 'engineer')
  await page.goto('/models')
  await expect(page.getByRole('heading', { name: 'Models & prices' })).toBeVisible()

  const gpt4o = page.locator('tr[data-model="gpt-4o"]')
  await expect(gpt4o).toContainText('GPT-4o')
  await expect(gpt4o.locator('[data-cell="input"]')).toHaveText('$5.00')
  await expect(gpt4o.locator('[data-cell="output"]')).toHaveText('$5.00')
  await expect(gpt4o).toContainText('Document')
  await expect(gpt4o.getByRole('img', { name: '4.5 out of 5' })).toHaveCount(1)
  await expect(gpt4o).not.toContainText('Unpriced')

  const codeLlama = page.locator('tr[data-model="code-llama"]')
  await expect(codeLlama).toContainText('Code Llama')
  await expect(codeLlama.getByText('Unpriced', { exact: true })).toBeVisible()
  await expect(codeLlama).not.toContainText('$')

  // A local model priced at an explicit 0 is a real price, not "unpriced".
  const llama70b = page.locator('tr[data-model="llama-3.1-70b"]')
  await expect(llama70b.locator('[data-cell="input"]')).toHaveText('$0.00')

  const unpricedRows = await page.locator('tr[data-priced="false"]').count()
  expect(unpricedRows).toBeGreaterThan(0)
  await expect(page.getByTestId('unpriced-banner')).toContainText(`${unpricedRows} of`)
  await expect(page.getByTestId('unpriced-banner')).toContainText('Code Llama')

  // Derived price (DeepSeek-R1 from the o1 comparison) is flagged as such.
  await expect(page.locator('tr[data-model="deepseek-r1"]')).toContainText('Derived')
})

test('filtering by route keeps only that route', async ({ page }) => {
  await loginAs(page, 'finance')
  await page.goto('/models')
  await page.getByRole('navigation', { name: 'Filter by route' }).getByRole('link', { name: /^MoE/ }).click()
  await expect(page).toHaveURL(/\/models\?route=moe$/)
  await expect(page.locator('tr[data-model="deepseek-v3"]')).toBeVisible()
  await expect(page.locator('tr[data-model="gpt-4o"]')).toHaveCount(0)
})

test('the CSV export lists every model, unpriced ones marked', async ({ page }) => {
  await loginAs(page, 'team_lead')
  const response = await page.request.get('/models/export')
  expect(response.status()).toBe(200)
  expect(response.headers()['content-type']).toContain('text/csv')
  const lines = (await response.text()).trim().split('\r\n')
  expect(lines[0]).toContain('slug,display_name')
  const gpt4o = lines.find((l) => l.startsWith('gpt-4o,'))
  expect(gpt4o).toContain(',priced,USD,5,5,')
  expect(lines.find((l) => l.startsWith('code-llama,'))).toContain(',unpriced,')
})

test('the CSV export refuses anonymous callers', async ({ request }) => {
  const response = await request.get('/models/export', { maxRedirects: 0 })
  expect([302, 303, 307, 401]).toContain(response.status())
})

test('?unpriced=1 keeps only unpriced models, and combines with the route filter', async ({ page }, testInfo) => {
  test.setTimeout(90_000)
  await loginAs(page, 'team_lead')
  await page.goto('/models')
  await page.getByRole('navigation', { name: 'Filter by route' }).getByRole('link', { name: /^Unpriced only/ }).click()
  await expect(page).toHaveURL(/\/models\?unpriced=1$/)
  await expect(page.locator('tr[data-model="code-llama"]')).toBeVisible()
  await expect(page.locator('tr[data-model="gpt-4o"]')).toHaveCount(0)
  await expect(page.locator('tr[data-priced="true"]')).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('models-unpriced-team-lead-1280.png'), fullPage: true })
  // The export carries the same filter.
  const lines = (await (await page.request.get('/models/export?unpriced=1')).text()).trim().split('\r\n').slice(1)
  expect(lines.length).toBe(await page.locator('tr[data-model]').count())
  expect(lines.every((l) => l.includes(',unpriced,'))).toBe(true)
})

test('a model opens its price history; the catalog row links there', async ({ page }, testInfo) => {
  test.setTimeout(90_000)
  await loginAs(page, 'finance')
  await page.goto('/models')
  await expect(page.getByRole('link', { name: 'Import LiteLLM prices' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Re-price usage' })).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('models-finance-1280.png'), fullPage: true })
  await page.locator('tr[data-model="gpt-4o"]').getByRole('link', { name: 'GPT-4o' }).click()
  await expect(page).toHaveURL(/\/models\/gpt-4o$/)
  const inForce = page.getByTestId('price-history').locator('tr[data-state="in-force"]')
  await expect(inForce).toHaveCount(1)
  await expect(inForce.locator('[data-cell="input"]')).toHaveText('$5.00')
  await expect(inForce).toContainText('Document')
  await expect(page.getByTestId('current-price')).toContainText('$5.00')
  await expect(page.getByRole('form', { name: 'Add a price version' })).toBeVisible()

  const csv = await page.request.get('/models/gpt-4o/export')
  expect(csv.status()).toBe(200)
  const rows = (await csv.text()).trim().split('\r\n')
  expect(rows[0]).toContain('price_version_id,state,effective_from')
  expect(rows.some((r) => r.startsWith('gpt-4o,') && r.includes(',in-force,') && r.includes(',5,'))).toBe(true)

  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto('/models')
  await page.screenshot({ path: testInfo.outputPath('models-finance-390.png'), fullPage: true })
})

test('engineers see the catalog without edit links', async ({ page }, testInfo) => {
  test.setTimeout(90_000)
  await loginAs(page, 'engineer')
  await page.goto('/models')
  await expect(page.getByRole('link', { name: 'Import LiteLLM prices' })).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'Re-price usage' })).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('models-engineer-1280.png'), fullPage: true })
  await page.goto('/models/no-such-model-here')
  await expect(page.getByText('This page could not be found.')).toBeVisible()
})
