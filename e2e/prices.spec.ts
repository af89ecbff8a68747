import { expect, test, type Page } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { createApiKey } from '@/lib/auth/api-keys'
import { prisma } from '@/lib/db'
import { loginAs } from './helpers/login'

// Finance edits prices end to end on a model of its own (random slug, so the shared catalog other
// specs read is untouched): add a version (errors per field first), see it in the history and the
// audit log, ingest usage priced with it, add a backdated version, dry-run a re-price and apply it
// while the progress bar runs to 100 %.

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

async function shoot(page: Page, name: string, path: string) {
  await page.screenshot({ path, fullPage: true })
  test.info().annotations.push({ type: 'screenshot', description: `${name}: ${path}` })
}

async function addVersion(page: Page, values: { date: string; input: string; output: string; note: string }) {
  const form = page.getByRole('form', { name: 'Add a price version' })
  await form.getByLabel('Effective from', { exact: true }).fill(values.date)
  await form.getByLabel('Input', { exact: true }).fill(values.input)
  await form.getByLabel('Output', { exact: true }).fill(values.output)
  await form.getByLabel('Note').fill(values.note)
  await form.getByRole('button', { name: 'Add price version' }).click()
  await expect(page.getByTestId('add-price-message')).toContainText('Saved price version #')
}

test('finance adds price versions, sees history and audit, then re-prices with live progress', async ({ page, request }, testInfo) => {
  test.setTimeout(180_000)
  const tag = randomBytes(5).toString('hex')
  const slug = `e2e-px-${tag}`
  const model = await prisma.model.create({
    data: { slug, displayName: `E2E Price ${tag}`, provider: 'test', family: 'Test', route: 'dense', deployment: 'closed_api', aliases: { create: [{ alias: slug }] } },
  })
  const team = await prisma.team.create({ data: { slug: `px-${tag}`, name: `Prices e2e ${tag}` } })
  const { key } = await createApiKey(prisma, { teamId: team.id, name: 'e2e-prices', actor: { name: 'e2e' } })

  await loginAs(page, 'finance')
  await page.goto(`/models?unpriced=1`)
  await expect(page.locator(`tr[data-model="${slug}"]`)).toContainText('Unpriced')
  await expect(page.locator('tr[data-model="gpt-4o"]')).toHaveCount(0)

  await page.goto(`/models/${slug}`)
  await expect(page.getByRole('heading', { name: `E2E Price ${tag}` })).toBeVisible()
  await expect(page.getByTestId('current-price')).toContainText('Unpriced')

  // Bad input comes back beside the field, nothing saved.
  const form = page.getByRole('form', { name: 'Add a price version' })
  await form.getByLabel('Input', { exact: true }).fill('abc')
  await form.getByLabel('Output', { exact: true }).fill('')
  await form.getByRole('button', { name: 'Add price version' }).click()
  await expect(page.locator('[data-field-error="input"]')).toContainText('USD per 1M tokens')
  await expect(page.locator('[data-field-error="output"]')).toContainText('Output price is required')
  expect(await prisma.priceVersion.count({ where: { modelId: model.id } })).toBe(0)

  // v1: $1 in / $2 out, from three days ago.
  await addVersion(page, { date: day(-3), input: '1', output: '2', note: `e2e v1 ${tag}` })
  const v1 = await prisma.priceVersion.findFirstOrThrow({ where: { modelId: model.id } })
  expect(v1.input.toFixed()).toBe('1')
  expect(v1.source).toBe('manual')
  const history = page.getByTestId('price-history')
  await expect(history.locator(`tr[data-version="${v1.id}"]`)).toContainText('$1.00')
  await expect(history.locator(`tr[data-version="${v1.id}"]`)).toContainText(`e2e v1 ${tag}`)
  await expect(history.locator(`tr[data-version="${v1.id}"]`)).toContainText('finance@modelledger.dev')
  await expect(history.locator(`tr[data-version="${v1.id}"]`)).toHaveAttribute('data-state', 'in-force')
  const audit = await prisma.auditLog.findFirst({ where: { action: 'price.add', entityType: 'price_version', entityId: String(v1.id) } })
  expect(audit?.actor).toBe('finance@modelledger.dev')
  expect((audit?.after as { model?: string } | null)?.model).toBe(slug)

  // Two events yesterday, priced by ingest at v1: (1000 × $1 + 500 × $2) / 1M = $0.002 each.
  const ts = `${day(-1)}T12:00:00.000Z`
  const ingest = await request.post('/api/v1/usage', {
    headers: { authorization: `Bearer ${key}` },
    data: {
      events: [1, 2].map((n) => ({ id: `px-${n}`, timestamp: ts, model: slug, input_tokens: 1000, output_tokens: 500, tags: { feature: 'e2e-prices' } })),
    },
  })
  expect([200, 207]).toContain(ingest.status())
  expect(await ingest.json()).toMatchObject({ accepted: 2, rejected: 0 })
  await expect
    .poll(async () => (await prisma.rollupDaily.aggregate({ where: { teamId: team.id }, _sum: { cost: true } }))._sum.cost?.toFixed() ?? null, { timeout: 30_000 })
    .toBe('0.004')

  // v2 backdated to yesterday 00:00: $3 in / $4 out. Stored events keep v1 until a re-price.
  await addVersion(page, { date: day(-1), input: '3', output: '4', note: `e2e v2 ${tag}` })
  await expect(history.locator('tr[data-version]')).toHaveCount(2)
  await expect(history.locator(`tr[data-version="${v1.id}"]`)).toHaveAttribute('data-state', 'past')
  await shoot(page, 'model detail (finance, 1280)', testInfo.outputPath('model-detail-finance-1280.png'))

  await page.getByRole('link', { name: 'Re-price usage' }).click()
  await expect(page).toHaveURL(new RegExp(`/models/reprice\\?model=${slug}`))
  const planner = page.getByRole('form', { name: 'Re-price dry run' })
  await planner.getByLabel('From', { exact: true }).fill(day(-1))
  await planner.getByLabel('To (inclusive)', { exact: true }).fill(day(0))
  await expect(planner.getByLabel('Model')).toHaveValue(String(model.id))
  await planner.getByRole('button', { name: 'Dry run' }).click()
  const plan = page.getByTestId('reprice-plan')
  await expect(plan.locator('[data-plan="Events that change"]')).toHaveText('2')
  // (1000 × 3 + 500 × 4) / 1M = $0.005 each: $0.004 → $0.01, +$0.006. Totals show cents (half-even),
  // and a non-zero amount that rounds to no cents reads '<$0.01'.
  await expect(plan.locator('[data-plan="Change"]')).toHaveText('+$0.01')
  await expect(plan.locator(`tr[data-team="${team.slug}"]`)).toContainText('<$0.01')
  const dry = await prisma.repriceRun.findFirstOrThrow({ where: { modelId: model.id, dryRun: true }, orderBy: { id: 'desc' } })
  expect(dry.status).toBe('done')
  expect(await prisma.usageEvent.count({ where: { teamId: team.id, priceVersionId: v1.id } })).toBe(2)
  await shoot(page, 'reprice dry run (finance, 1280)', testInfo.outputPath('reprice-dry-run-finance-1280.png'))

  await page.getByRole('button', { name: 'Apply: re-price 2 events' }).click()
  await expect(page).toHaveURL(/\/models\/reprice\?run=\d+$/)
  const progress = page.getByTestId('reprice-progress')
  await expect(progress.getByRole('progressbar')).toBeVisible()
  await expect(page.getByTestId('reprice-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await expect(progress.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100')
  await expect(page.getByTestId('reprice-percent')).toContainText('100% · 2 / 2 events')
  await expect(page.getByTestId('reprice-delta')).toHaveText('+$0.01') // +$0.006 in cents
  await shoot(page, 'reprice done (finance, 1280)', testInfo.outputPath('reprice-done-finance-1280.png'))

  const v2 = await prisma.priceVersion.findFirstOrThrow({ where: { modelId: model.id }, orderBy: { effectiveFrom: 'desc' } })
  const events = await prisma.usageEvent.findMany({ where: { teamId: team.id }, orderBy: { eventId: 'asc' } })
  expect(events.map((e) => [e.priceVersionId, e.cost?.toFixed()])).toEqual([
    [v2.id, '0.005'],
    [v2.id, '0.005'],
  ])
  expect((await prisma.rollupDaily.aggregate({ where: { teamId: team.id }, _sum: { cost: true } }))._sum.cost?.toFixed()).toBe('0.01')

  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto(`/models/${slug}`)
  await shoot(page, 'model detail (finance, 390)', testInfo.outputPath('model-detail-finance-390.png'))
})

test('the LiteLLM import previews, then applies, a price for a model of its own', async ({ page }, testInfo) => {
  test.setTimeout(90_000)
  const tag = randomBytes(5).toString('hex')
  const slug = `e2e-lm-${tag}`
  const model = await prisma.model.create({
    data: { slug, displayName: `E2E LiteLLM ${tag}`, provider: 'e2eprov', family: 'Test', route: 'dense', deployment: 'closed_api', aliases: { create: [{ alias: slug }] } },
  })
  // A tiny LiteLLM-shaped map: our model ($1.5 / $6 per 1M, cache read $0.75), a docs entry, an image model.
  const file = {
    sample_spec: { input_cost_per_token: 0 },
    [slug]: { litellm_provider: 'e2eprov', mode: 'chat', input_cost_per_token: 1.5e-6, output_cost_per_token: 6e-6, cache_read_input_token_cost: 7.5e-7 },
    'dall-e-e2e': { litellm_provider: 'openai', mode: 'image_generation', output_cost_per_image: 0.04 },
  }
  await loginAs(page, 'admin')
  await page.goto('/models/import')
  await page.getByLabel('LiteLLM price map (JSON, ≤ 10 MB)').setInputFiles({ name: 'prices.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) })
  await page.getByLabel('Effective from', { exact: true }).fill(day(-2))
  await page.getByRole('button', { name: 'Preview changes (dry run)' }).click()
  const summary = page.getByTestId('import-summary')
  await expect(summary).toContainText('Dry run — nothing saved yet.')
  const row = page.getByTestId('import-changes').locator(`tr[data-model="${slug}"]`)
  await expect(row).toContainText('Input: — → $1.5')
  await expect(row).toContainText('Output: — → $6')
  await expect(row).toContainText('Cache read: — → $0.75')
  await expect(page.getByTestId('import-skipped')).toContainText('documentation entry')
  await expect(page.getByTestId('import-skipped')).toContainText('not priced per token')
  expect(await prisma.priceVersion.count({ where: { modelId: model.id } })).toBe(0)
  await page.screenshot({ path: testInfo.outputPath('import-dry-run-admin-1280.png'), fullPage: true })

  await page.getByRole('button', { name: /^Apply \d+ changes?$/ }).click()
  await expect(summary).toContainText('Applied.')
  await expect(row).toContainText('Saved #')
  const version = await prisma.priceVersion.findFirstOrThrow({ where: { modelId: model.id } })
  expect([version.source, version.input.toFixed(), version.output.toFixed(), version.cacheRead?.toFixed(), version.effectiveFrom.toISOString().slice(0, 10)]).toEqual([
    'litellm', '1.5', '6', '0.75', day(-2),
  ])

  // A file that is not JSON is refused with a message, not a 500.
  await page.getByLabel('LiteLLM price map (JSON, ≤ 10 MB)').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{nope') })
  await page.getByRole('button', { name: 'Preview changes (dry run)' }).click()
  await expect(page.getByTestId('import-error')).toContainText('bad.json is not valid JSON')
})

test('an infrastructure estimate prices a local model from GPU cost and throughput', async ({ page }) => {
  test.setTimeout(90_000)
  const tag = randomBytes(5).toString('hex')
  const slug = `e2e-gpu-${tag}`
  const model = await prisma.model.create({
    data: { slug, displayName: `E2E Local ${tag}`, provider: 'test', family: 'Test', route: 'small', deployment: 'local', aliases: { create: [{ alias: slug }] } },
  })
  await loginAs(page, 'finance')
  await page.goto(`/models/${slug}`)
  const form = page.getByRole('form', { name: 'Infrastructure estimate' })
  await form.getByLabel('GPU-hour cost (USD)').fill('2.40')
  await form.getByLabel('Throughput (tokens/s)').fill('1500')
  await form.getByRole('button', { name: 'Preview price' }).click()
  // 2.40 × 1e6 / (1500 × 3600) = 0.444444444 (9 decimals)
  await expect(page.getByTestId('infra-preview')).toContainText('$0.444444444')
  expect(await prisma.priceVersion.count({ where: { modelId: model.id } })).toBe(0)
  await form.getByRole('button', { name: 'Save as price version' }).click()
  await expect(page.getByTestId('infra-message')).toContainText('Saved price version #')
  const v = await prisma.priceVersion.findFirstOrThrow({ where: { modelId: model.id } })
  expect([v.source, v.derived, v.input.toFixed(), v.output.toFixed()]).toEqual(['infrastructure', true, '0.444444444', '0.444444444'])
  await expect(page.getByTestId('price-history').locator(`tr[data-version="${v.id}"]`)).toContainText('Infrastructure')
})

test('engineers read prices but cannot edit or re-price', async ({ page }, testInfo) => {
  test.setTimeout(90_000)
  await loginAs(page, 'engineer')
  await page.goto('/models/gpt-4o')
  await expect(page.getByRole('heading', { name: 'GPT-4o' })).toBeVisible()
  await expect(page.getByTestId('price-history').locator('tr[data-state="in-force"]')).toContainText('$5.00')
  await expect(page.getByRole('form', { name: 'Add a price version' })).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'Re-price usage' })).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('model-detail-engineer-1280.png'), fullPage: true })
  for (const path of ['/models/reprice', '/models/import']) {
    await page.goto(path)
    await expect(page.getByText('403 — not allowed')).toBeVisible()
  }
  const progress = await page.request.get('/api/v1/reprice-runs/1')
  expect(progress.status()).toBe(403)
  const upload = await page.request.post('/models/import/upload', { multipart: { mode: 'dry-run', file: { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{}') } } })
  expect(upload.status()).toBe(403)
})
