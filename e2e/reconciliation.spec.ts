import { expect, test } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { pool, prisma } from '@/lib/db'
import { ingestEvents } from '@/lib/ingest/ingest-usage-batch'
import { invalidatePricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { addPriceVersion } from '@/lib/pricing/add-price-version'
import { applyBatchRollup } from '@/lib/rollups/apply-batch-rollup'
import { loginAs } from './helpers/login'

// Finance loads a provider bill on the Reconciliation page, sees the capture rate and the worst gap
// with its explanation, and downloads the table as CSV. The provider and model are the test's own, so
// the figures are the ones computed here by hand.

const hex = randomBytes(4).toString('hex')
const provider = `e2e-${hex}`
const slug = `e2e-model-${hex}`
const day = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10)

test.beforeAll(async () => {
  const model = await prisma.model.create({
    data: { slug, displayName: slug, provider, family: 'Test', route: 'dense', deployment: 'closed_api', aliases: { create: [{ alias: slug }] } },
  })
  // $1 / 1M tokens either way: 4 calls of 1000 + 1000 tokens = $0.008 and 8000 tokens tracked.
  await addPriceVersion(prisma, { modelId: model.id, effectiveFrom: new Date('2020-01-01T00:00:00Z'), input: '1', output: '1', source: 'manual', actor: { name: 'e2e' } })
  const team = await prisma.team.create({ data: { slug: `e2e-bills-${hex}`, name: 'E2E bills' } })
  const events = Array.from({ length: 4 }, (_, i) => ({ id: `e2e-${hex}-${i}`, timestamp: `${day}T10:0${i}:00Z`, model: slug, input_tokens: 1000, output_tokens: 1000 }))
  // This process may hold a pricing snapshot from before the model existed.
  invalidatePricingSnapshot()
  const out = await ingestEvents(pool, team.id, events, { source: 'e2e', enqueue: false })
  expect(out.accepted).toBe(4)
  await applyBatchRollup(pool, out.batchId as string)
})

test('finance uploads a bill, sees the capture rate and the worst gap, and exports the CSV', async ({ page }) => {
  await loginAs(page, 'finance')
  await page.getByRole('link', { name: 'Reconciliation' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Reconciliation' })).toBeVisible()

  // $0.02 billed for 20000 tokens of our model (we tracked 8000, $0.008), and a line for a model we do not know.
  const bill = `date,provider,model,cost,tokens\n${day},${provider},${slug},0.02,20000\n${day},${provider},mystery-model-${hex},0.001,1000\n`
  await page.getByLabel('Format').selectOption('csv')
  await page.getByLabel('Bill file(s)').setInputFiles({ name: 'bill.csv', mimeType: 'text/csv', buffer: Buffer.from(bill) })
  await page.getByRole('button', { name: 'Preview' }).click()
  await expect(page.getByTestId('bill-upload-message')).toContainText('Preview: 2 line(s)')
  await expect(page.getByTestId('bill-preview')).toContainText(`mystery-model-${hex}`)
  await expect(page.getByTestId('bill-preview')).toContainText('no match')
  await page.getByRole('button', { name: 'Load bill' }).click()
  await expect(page.getByTestId('bill-upload-message')).toContainText('Loaded 2 line(s)')

  await page.goto(`/reconciliation?from=${day}&to=${day}&provider=${provider}`)
  // 0.008 tracked ÷ 0.021 billed.
  await expect(page.getByTestId('kpi-capture')).toHaveText('38.10%')
  await expect(page.getByTestId('kpi-worst-gap')).toHaveText('$0.012')
  const worst = page.getByTestId('reconciliation-row').first()
  await expect(worst).toHaveAttribute('data-model', slug)
  await expect(worst).toHaveAttribute('data-kind', 'untracked_calls')
  await expect(worst.locator('[data-cell="capture"]')).toHaveText('40.00%')
  await expect(worst.locator('[data-cell="explanation"]')).toContainText('12000 of 20000 billed tokens (60%) were never reported')
  await expect(page.locator(`[data-testid="reconciliation-row"][data-model="mystery-model-${hex}"]`)).toHaveAttribute('data-kind', 'unmatched_line')
  await expect(page.getByRole('img', { name: /Capture rate per provider per day/ })).toBeVisible()

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()])
  expect(download.suggestedFilename()).toBe(`modelledger-reconciliation-${day}-${day}-${provider}.csv`)
  const lines = (await readFile((await download.path()) as string, 'utf8')).trim().split(/\r?\n/)
  expect(lines[0]).toBe('date,provider,model,billed_usd,tracked_usd,gap_usd,capture_rate,billed_tokens,tracked_tokens,in_catalog,explanation_kind,explanation')
  expect(lines[1]).toMatch(new RegExp(`^${day},${provider},${slug},0\\.02,0\\.008,0\\.012,0\\.4,20000,8000,yes,untracked_calls,`))
  expect(lines).toHaveLength(3)
})
