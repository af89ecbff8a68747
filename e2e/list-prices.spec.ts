import { expect, test } from '@playwright/test'
import { pool, prisma } from '@/lib/db'
import { startReprice } from '@/lib/pricing/reprice/start-reprice'
import { loginAs } from './helpers/login'

// Spend, Reports and Models say which prices every figure uses; an admin is offered the switch from
// the document's blended table to the bundled list prices, sees its dry run and applies it in one
// step (import + re-price). The spec puts the document's prices back afterwards (the specs after it
// read them). Models other suites made may carry prices of their own, so a note may read "mixed": the
// document's table is then one of the sources it names.

const documentLabel = "the source document's table, 2025-01-04"

async function restoreDocumentPrices(since: Date, effectiveFrom: Date) {
  await prisma.priceVersion.deleteMany({ where: { source: 'litellm', createdAt: { gte: since } } })
  await prisma.priceVersion.updateMany({ where: { effectiveTo: effectiveFrom }, data: { effectiveTo: null } })
  const { run } = await startReprice(prisma, { from: effectiveFrom, to: new Date(), dryRun: false, actor: { name: 'e2e restore' } }, pool)
  await expect.poll(async () => (await prisma.repriceRun.findUniqueOrThrow({ where: { id: run.id } })).status, { timeout: 60_000 }).toBe('done')
}

test('each money page names the price source; the engineer is not offered the switch', async ({ page }) => {
  await loginAs(page, 'engineer')
  for (const path of ['/spend', '/models']) {
    await page.goto(path)
    await expect(page.getByTestId('price-source')).toContainText(documentLabel)
    await expect(page.getByTestId('price-source').getByRole('link', { name: 'Switch to list prices' })).toHaveCount(0)
  }
})

test('admin: dry run of the bundled list prices, then the one-step switch re-prices the usage', async ({ page }) => {
  test.setTimeout(180_000)
  await loginAs(page, 'admin')
  for (const path of ['/spend', '/reports', '/models']) {
    await page.goto(path)
    await expect(page.getByTestId('price-source')).toContainText(documentLabel)
  }
  await page.getByTestId('price-source').getByRole('link', { name: 'Switch to list prices' }).click()
  await expect(page.getByRole('heading', { name: 'Switch to list prices' })).toBeVisible()
  // o1: the document's blended $20 becomes $60 for output (or, when a spec before this one gave o1 an
  // input-only version, the output that fell back to input does).
  const o1Output = page.getByTestId('list-price-changes').locator('tr[data-model="o1"][data-bucket="output"]')
  await expect(o1Output).toContainText(/\$20|falls back/)
  await expect(o1Output).toContainText('$60')
  const effective = await page.getByLabel('Effective from', { exact: true }).inputValue()

  const started = new Date(Date.now() - 1000)
  try {
    await page.getByRole('button', { name: /to list prices and re-price/ }).click()
    await expect(page).toHaveURL(/\/models\/reprice\?run=\d+/)
    await expect(page.getByTestId('reprice-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 })
    await page.goto('/models')
    const today = new Date().toISOString().slice(0, 10)
    await expect(page.getByTestId('price-source')).toContainText(`list prices imported on ${today}`)
    await page.goto('/spend')
    await expect(page.getByTestId('price-source')).toContainText(`list prices imported on ${today}`)
  } finally {
    await restoreDocumentPrices(started, new Date(`${effective}T00:00:00Z`))
  }
})
