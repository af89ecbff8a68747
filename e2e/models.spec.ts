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
