import { expect, test } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { exact, formatUsd } from '@/components/ui/format'
import { createApiKey } from '@/lib/auth/api-keys'
import { prisma } from '@/lib/db'
import { englishCitation } from '@/lib/policy/document/english'
import { ruleDefinitions } from '@/lib/policy/rule-definitions'
import { Decimal } from '@/lib/pricing/decimal'
import { loginAs } from './helpers/login'

// The advice page against real advice: the spec posts its own advised calls for team search through the
// ingest API (the demo seed stores usage without advice), waits for the worker to roll them up, and
// cross-checks the page against rollups_daily (prisma) and GET /api/v1/spend.

const run = randomBytes(4).toString('hex')
const eventIds = { simple: `advice-${run}-simple`, critical: `advice-${run}-critical`, batch: `advice-${run}-batch` }

function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10)
}

test.beforeAll(async ({ playwright }, testInfo) => {
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL })
  const team = await prisma.team.findUniqueOrThrow({ where: { slug: 'search' } })
  const { key } = await createApiKey(prisma, { teamId: team.id, name: `e2e-advice-${run}`, actor: { name: 'e2e advice' } })
  const ts = new Date(Date.now() - 60_000).toISOString()
  const res = await request.post('/api/v1/usage', {
    headers: { authorization: `Bearer ${key}` },
    data: {
      events: [
        // A reasoning model on a short classification: the document says the cost is wasted.
        { id: eventIds.simple, timestamp: ts, model: 'o1', input_tokens: 800, output_tokens: 40, task: 'classify', data_class: 'internal' },
        // Critical business on DeepSeek-R1: a risk, fixed by moving to o1 (costs more — not a saving).
        { id: eventIds.critical, timestamp: ts, model: 'deepseek-r1', input_tokens: 2000, output_tokens: 1500, task: 'reasoning', data_class: 'internal', tags: { critical: 'true' } },
        { id: eventIds.batch, timestamp: ts, model: 'gpt-4o', input_tokens: 5000, output_tokens: 2000, task: 'batch', data_class: 'internal' },
      ],
    },
  })
  expect(res.status()).toBeLessThan(300)
  expect(await res.json()).toMatchObject({ accepted: 3 })
  await request.dispose()
  // The worker rolls the batch up; the page's monthly figures read rollups only.
  await expect
    .poll(
      async () => {
        const events = await prisma.usageEvent.findMany({ where: { teamId: team.id, eventId: { in: Object.values(eventIds) } }, select: { batchId: true } })
        const batches = await prisma.ingestBatch.findMany({ where: { id: { in: events.map((e) => e.batchId) }, rolledUpAt: { not: null } } })
        return events.length === 3 && batches.length === new Set(events.map((e) => e.batchId)).size
      },
      { timeout: 30_000 },
    )
    .toBe(true)
  const flagged = await prisma.usageEvent.count({ where: { teamId: team.id, eventId: { in: Object.values(eventIds) }, adviceRule: { not: null } } })
  expect(flagged).toBeGreaterThan(0)
})

test('finance: monthly saving equals the rollups, flagged calls cite the document, what-if before equals the spend API', async ({ page }, testInfo) => {
  test.setTimeout(150_000)
  await loginAs(page, 'finance')
  const now = new Date()
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))

  // Potential saving this month = Σ rollups_daily.potential_saving over the month, all teams. The DB is
  // read before and after the page renders; a reading taken while rollups moved is retried.
  const monthSums = async () => {
    const sums = await prisma.rollupDaily.aggregate({ where: { day: { gte: monthStart, lte: new Date(`${utcDay(now)}T00:00:00Z`) } }, _sum: { potentialSaving: true, flaggedCalls: true } })
    return { saving: new Decimal(sums._sum.potentialSaving?.toString() ?? '0'), flagged: Number(sums._sum.flaggedCalls ?? 0n) }
  }
  await expect
    .poll(
      async () => {
        const before = await monthSums()
        await page.goto('/advice')
        const card = page.getByTestId('advice-saving-month')
        const shown = { text: await card.textContent(), exact: await card.locator('[data-exact]').getAttribute('data-exact'), flagged: await page.getByTestId('advice-flagged-month').textContent() }
        const after = await monthSums()
        if (!before.saving.equals(after.saving) || before.flagged !== after.flagged) return 'rollups moved while reading'
        const want = { text: formatUsd(after.saving), exact: exact(after.saving), flagged: `${after.flagged.toLocaleString('en-US')} flagged calls · daily rollups` }
        return JSON.stringify(shown) === JSON.stringify(want) ? 'equal' : `page ${JSON.stringify(shown)} ≠ rollups ${JSON.stringify(want)}`
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe('equal')
  await expect(page.getByTestId('advice-saving-last-month')).toBeVisible()

  // The flagged calls: our own call is listed with the rule's reason and its document citation.
  const stored = await prisma.usageEvent.findFirstOrThrow({ where: { eventId: eventIds.simple }, select: { adviceRule: true } })
  const rule = ruleDefinitions.find((r) => r.id === stored.adviceRule)
  expect(rule).toBeDefined()
  const ours = page.locator(`[data-testid="flagged-row"][data-event="${eventIds.simple}"]`)
  await expect(ours).toBeVisible()
  await expect(ours.locator('[data-cell="citation"] cite')).toHaveText(englishCitation(rule?.citation ?? '').en)
  await expect(ours.locator('[data-cell="citation"] cite')).toHaveAttribute('title', rule?.citation ?? '')
  await expect(ours).toContainText(rule?.title ?? '')
  await expect(page.getByTestId('flagged-row').first().locator('[data-cell="citation"] cite')).not.toBeEmpty()

  // A risk is shown as a risk, never as a saving.
  const critical = await prisma.usageEvent.findFirstOrThrow({ where: { eventId: eventIds.critical }, select: { adviceRule: true, adviceSeverity: true } })
  if (critical.adviceSeverity === 'risk') {
    await expect(page.locator(`[data-testid="flagged-row"][data-event="${eventIds.critical}"]`)).toContainText('Risk fix — not a saving')
    await expect(page.getByTestId('section-risks').locator(`tr[data-rule="${critical.adviceRule}"]`)).toBeVisible()
    await expect(page.getByTestId('section-by-rule').locator(`tr[data-rule="${critical.adviceRule}"]`)).toHaveCount(0)
  }

  // Filters live in the URL.
  await page.goto(`/advice?rule=${encodeURIComponent(stored.adviceRule ?? '')}`)
  const rows = page.getByTestId('flagged-row')
  await expect(rows.first()).toBeVisible()
  for (const text of await rows.locator('[data-cell="citation"] .font-mono').allTextContents()) expect(text).toBe(stored.adviceRule)

  // CSV of the flagged calls: same filters, permission-checked.
  const csv = await page.request.get(`/advice/export?table=flagged&rule=${encodeURIComponent(stored.adviceRule ?? '')}`)
  expect(csv.status()).toBe(200)
  const csvText = await csv.text()
  expect(csvText.split('\r\n')[0]).toContain('ts,team,event_id,model')
  expect(csvText).toContain(eventIds.simple)

  // What-if: apply all advice for team search over 30 days.
  await page.goto('/advice')
  await page.getByTestId('tab-what-if').click()
  const form = page.getByTestId('what-if-form')
  await form.locator('select[name="wi_team"]').selectOption('search')
  await form.getByLabel('30 days').check()
  await form.getByLabel('Apply all advice').check()
  await form.getByRole('button', { name: 'Run what-if' }).click()
  const results = page.getByTestId('what-if-results')
  await expect(results).toBeVisible({ timeout: 30_000 })
  const from = await results.getAttribute('data-from')
  const to = await results.getAttribute('data-to')
  expect(to).toBe(utcDay(new Date()))
  const spend = await page.request.get(`/api/v1/spend?team=search&from=${from}&to=${to}`)
  expect(spend.status()).toBe(200)
  const spent: string = (await spend.json()).totals.cost_usd
  await expect(page.getByTestId('what-if-before')).toHaveText(formatUsd(spent))
  await expect(page.getByTestId('what-if-before').locator('..').locator('[data-exact]')).toHaveAttribute('data-exact', exact(spent))
  await expect(page.getByTestId('what-if-after')).toHaveText(/^\$[\d,]+\.\d\d$|^<\$0\.01$/)
  await expect(page.getByTestId('what-if-moved')).not.toHaveText('0')
  await expect(page.getByTestId('what-if-teams').locator('tr[data-team="search"] [data-cell="before"]')).toHaveAttribute('data-exact', exact(spent))
  await page.screenshot({ path: testInfo.outputPath('advice-finance.png'), fullPage: true })

  const whatIfCsv = await page.request.get(`/advice/export?table=what-if-teams&wi_team=search&wi_days=30&wi_mode=advice`)
  expect(whatIfCsv.status()).toBe(200)
  expect(await whatIfCsv.text()).toContain(`,search,`)
})

test('a proposed policy is validated with the shared schema and errors come back to the form', async ({ page }) => {
  test.setTimeout(90_000)
  await loginAs(page, 'team_lead')
  await page.goto('/advice?wi=1&wi_days=7&wi_mode=policy&wi_blocked=gpt-4o&wi_allowed=gpt-4o')
  await expect(page.getByTestId('what-if-errors')).toContainText('gpt-4o is both allowed and blocked')
  await page.goto('/advice?wi=1&wi_days=7&wi_mode=policy&wi_blocked=gpt-4o&wi_default_batch=deepseek-v3')
  await expect(page.getByTestId('what-if-results')).toBeVisible({ timeout: 30_000 })
  await expect(page.getByTestId('what-if-teams').locator('tr[data-team]')).toHaveCount(1)
  await expect(page.getByTestId('what-if-teams').locator('tr[data-team="search"]')).toBeVisible()
})

test('engineer sees only team search', async ({ page }, testInfo) => {
  test.setTimeout(90_000)
  await loginAs(page, 'engineer')
  await page.goto('/advice')
  await expect(page.getByTestId('advice-saving-month')).toBeVisible()
  await expect(page.locator('select[name="team"]')).toHaveCount(0)
  await expect(page.locator('select[name="wi_team"]')).toHaveCount(0)
  const teams = page.getByTestId('saving-by-team').locator('tr[data-team]')
  for (const t of await teams.all()) await expect(t).toHaveAttribute('data-team', 'search')
  for (const cell of await page.getByTestId('flagged-row').locator('td:nth-child(2)').allTextContents()) expect(cell).toBe('search')
  await expect(page.locator(`[data-testid="flagged-row"][data-event="${eventIds.simple}"]`)).toBeVisible()

  // Own-team saving equals the team's rollups.
  const team = await prisma.team.findUniqueOrThrow({ where: { slug: 'search' } })
  const now = new Date()
  const sums = await prisma.rollupDaily.aggregate({
    where: { teamId: team.id, day: { gte: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), lte: new Date(`${utcDay(now)}T00:00:00Z`) } },
    _sum: { potentialSaving: true },
  })
  await expect(page.getByTestId('advice-saving-month')).toHaveText(formatUsd(new Decimal(sums._sum.potentialSaving?.toString() ?? '0')))
  await page.screenshot({ path: testInfo.outputPath('advice-engineer.png'), fullPage: true })

  // Another team is refused, on the page and on the export.
  await page.goto('/advice?team=platform')
  await expect(page).toHaveURL(/\/forbidden/)
  const other = await page.request.get('/advice/export?table=by-team&team=platform')
  expect(other.status()).toBe(403)
  const own = await page.request.get('/advice/export?table=by-team')
  expect(own.status()).toBe(200)
  expect(await own.text()).not.toMatch(/,platform,/)
})

for (const role of ['admin', 'team_lead'] as const) {
  test(`advice opens for ${role}`, async ({ page }, testInfo) => {
    test.setTimeout(90_000)
    await loginAs(page, role)
    await page.goto('/advice')
    await expect(page.getByTestId('advice-saving-month')).toBeVisible()
    await expect(page.locator('select[name="team"]')).toHaveCount(role === 'admin' ? 1 : 0)
    await page.screenshot({ path: testInfo.outputPath(`advice-${role}.png`), fullPage: true })
  })
}
