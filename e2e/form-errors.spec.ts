import { expect, test, type Locator } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { pool, prisma } from '@/lib/db'
import { ingestEvents } from '@/lib/ingest/ingest-usage-batch'
import { getTeamPolicy } from '@/lib/policy/get-team-policy'
import { applyBatchRollup } from '@/lib/rollups/apply-batch-rollup'
import { createUser } from '@/lib/users/create-user'
import { loginAs } from './helpers/login'

// Issue 18 item 9: a refused form says what is wrong in plain words beside the field, highlights that
// field (aria-invalid and a visible red border), puts the cursor on the first one, and gives back
// exactly what was typed.

const RED = 'rgb(220, 38, 38)'
const hex = () => randomBytes(4).toString('hex')

async function expectHighlighted(field: Locator, errorId: string, message: string | RegExp) {
  await expect(field).toHaveAttribute('aria-invalid', 'true')
  await expect(field).toHaveAttribute('aria-describedby', errorId)
  await expect(field).toHaveCSS('border-top-color', RED)
  await expect(field.page().locator(`#${errorId}`)).toHaveText(message)
}

test('policy editor: a bad budget and bad thresholds read plainly, are highlighted and keep what was typed', async ({ page }) => {
  const team = await prisma.team.findUniqueOrThrow({ where: { slug: 'search' } })
  const before = (await getTeamPolicy(prisma, team.id))?.version ?? 0
  await loginAs(page, 'team_lead')
  await page.goto('/teams/search')
  const budget = page.getByLabel('Monthly budget (USD)')
  const thresholds = page.getByLabel('Alert thresholds (% of budget)')
  await budget.fill(' 12.345 ')
  await thresholds.fill('50, eighty, 100')
  await page.getByRole('button', { name: 'Save policy' }).click()

  await expect(page.getByTestId('policy-message')).toHaveText('Some fields need attention.')
  await expectHighlighted(budget, 'err-monthlyBudget', 'The monthly budget must be a dollar amount such as 1200 or 1200.50: digits only, no minus sign, at most 2 decimals and 18 digits before the point.')
  await expectHighlighted(thresholds, 'err-alertThresholds', 'Alert thresholds must be whole percentages, such as 50, 80, 100.')
  await expect(page.getByTestId('policy-form')).not.toContainText('monthlyBudget')
  // The first highlighted field has the cursor; both fields hold exactly what was typed.
  await expect(budget).toBeFocused()
  await expect(budget).toHaveValue(' 12.345 ')
  await expect(thresholds).toHaveValue('50, eighty, 100')
  expect((await getTeamPolicy(prisma, team.id))?.version ?? 0).toBe(before)
})

test('create user: an empty and a malformed email read plainly beside the field, which is highlighted and focused', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto('/settings')
  const form = page.getByRole('form', { name: 'Create user' })
  const email = form.getByLabel('Email')
  await form.getByLabel('Role').selectOption('finance')
  await form.getByLabel('Initial password').fill('long-enough-password')
  await form.getByRole('button', { name: 'Create user' }).click()
  await expectHighlighted(email, 'new-user-email-error', 'Enter an email address.')
  await expect(page.getByTestId('create-user-message')).toHaveText('Check the highlighted fields.')
  await expect(email).toBeFocused()

  await email.fill('ana at example')
  await form.getByLabel('Name').fill('  Ana  ')
  await form.getByLabel('Initial password').fill('long-enough-password')
  await form.getByRole('button', { name: 'Create user' }).click()
  await expectHighlighted(email, 'new-user-email-error', '"ana at example" is not an email address: it should look like name@example.com.')
  await expect(form).not.toContainText("invalid email")
  await expect(email).toBeFocused()
  await expect(email).toHaveValue('ana at example')
  await expect(form.getByLabel('Name')).toHaveValue('  Ana  ')
  await expect(form.getByLabel('Role')).toHaveValue('finance')
})

test('create team: a bad slug reads plainly and is highlighted', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto('/settings/teams')
  const form = page.getByRole('form', { name: 'Create team' })
  const slug = form.getByLabel('Slug')
  await slug.fill('Growth Team')
  await form.getByLabel('Name').fill('Growth')
  await form.getByRole('button', { name: 'Create team' }).click()
  await expectHighlighted(slug, 'new-team-slug-error', `The team slug "Growth Team" won't do: use 2–40 characters, lowercase a–z, 0–9 and -.`)
  await expect(slug).toBeFocused()
  await expect(slug).toHaveValue('Growth Team')
})

test('bill upload: a missing file, a bad CSV line and a bad JSON path are said beside the file field, which keeps the file', async ({ page }) => {
  await loginAs(page, 'finance')
  await page.goto('/reconciliation')
  const form = page.getByRole('form', { name: 'Upload a provider bill' })
  const file = form.getByLabel('Bill file(s)')
  const chosen = () => file.evaluate((el) => Array.from((el as HTMLInputElement).files ?? []).map((f) => f.name))
  await form.getByRole('button', { name: 'Preview' }).click()
  await expectHighlighted(file, 'bill-files-error', 'Choose the bill file(s) first.')
  await expect(page.getByTestId('bill-upload-error')).toHaveText('Check the highlighted fields.')
  await expect(file).toBeFocused()

  await form.getByLabel('Format').selectOption('csv')
  await file.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('date,provider,model,cost\n2024-12-01,openai,gpt-4o,1e3\n') })
  await form.getByRole('button', { name: 'Preview' }).click()
  await expectHighlighted(file, 'bill-files-error', "bad.csv line 2: cost '1e3' is not a decimal number (currency units, e.g. 12.345)")
  await expect(page.getByTestId('bill-upload-error')).toHaveText('Check the highlighted fields.')
  await expect(file).toBeFocused()
  expect(await chosen()).toEqual(['bad.csv'])
  await expect(form.getByLabel('Format')).toHaveValue('csv')

  // An OpenAI costs page whose amount has no currency: the message names the JSON path, in words.
  const costs = { object: 'page', has_more: false, data: [{ object: 'bucket', start_time: 1733011200, end_time: 1733097600, results: [{ object: 'organization.costs.result', amount: { value: 1.5 }, line_item: 'gpt-4o, input' }] }] }
  await form.getByLabel('Format').selectOption('openai')
  await file.setInputFiles({ name: 'costs.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(costs)) })
  await form.getByRole('button', { name: 'Preview' }).click()
  await expectHighlighted(file, 'bill-files-error', 'costs.json page 1: $.data[0].results[0].amount.currency: missing (expected text)')
  await expect(form).not.toContainText('Invalid input')
  expect(await chosen()).toEqual(['costs.json'])
})

test('capture-rate settings: a threshold past 100 is said beside the field and kept as typed', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto('/reconciliation')
  const form = page.getByRole('form', { name: 'Capture-rate alert settings' })
  const threshold = form.getByLabel('Alert below (capture %, per provider per day)')
  await threshold.fill(' 150 ')
  await form.getByRole('button', { name: 'Save' }).click()
  await expectHighlighted(threshold, 'capture-threshold-error', 'The threshold must be a percent above 0 and at most 100, such as 95 or 97.5 (at most 2 decimals), not "150".')
  await expect(page.getByTestId('capture-settings-message')).toHaveText('Check the highlighted fields.')
  await expect(threshold).toBeFocused()
  await expect(threshold).toHaveValue(' 150 ')
})

test('close month: a month whose calls are still being added is refused in plain words beside the button', async ({ page }) => {
  // Four months back: before the demo data, so only this test's calls are in it.
  const now = new Date()
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 4, 1)).toISOString().slice(0, 7)
  const team = await prisma.team.create({ data: { slug: `e2e-close-${hex()}`, name: 'E2E close refusal' } })
  const call = (id: string) => [{ id, timestamp: `${month}-10T12:00:00Z`, model: 'gpt-4o', input_tokens: 10, output_tokens: 10 }]
  const opts = { source: 'e2e', enqueue: false, maxAgeMs: 400 * 86_400_000 }
  const counted = await ingestEvents(pool, team.id, call(`${team.slug}-a`), opts)
  await applyBatchRollup(pool, counted.batchId as string)
  const pending = await ingestEvents(pool, team.id, call(`${team.slug}-b`), opts)
  // Received "later": the worker's sweeper leaves it alone, so it stays not rolled up during the test.
  await prisma.ingestBatch.update({ where: { id: BigInt(pending.batchId as string) }, data: { receivedAt: new Date(Date.now() + 3_600_000) } })
  try {
    await loginAs(page, 'finance')
    await page.goto(`/reports?month=${month}`)
    await page.getByRole('button', { name: 'Close month' }).click()
    await page.getByRole('button', { name: `Yes, close ${month}` }).click()
    await expect(page.getByTestId('close-month-message')).toHaveText(`${month} cannot be closed yet: 1 batch of calls from it is still being added to the totals. Try again in a minute.`)
    await expect(page.getByTestId('close-month-message')).not.toContainText('ingest')
    expect(await prisma.monthClose.count({ where: { month } })).toBe(0)
  } finally {
    await applyBatchRollup(pool, pending.batchId as string)
  }
})

test('list prices: an effective date that is not a day is said beside the field, and nothing is offered for another day', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto('/models/list-prices?from=2025-02-30')
  const day = page.getByLabel('Effective from', { exact: true })
  await expectHighlighted(day, 'list-prices-from-error', '"2025-02-30" is not a date: pick a day as YYYY-MM-DD (UTC).')
  await expect(page.getByTestId('list-prices-message')).toHaveText('Check the highlighted fields.')
  await expect(page.getByRole('button', { name: /to list prices and re-price/ })).toHaveCount(0)
  await expect(page.getByTestId('list-price-changes')).toHaveCount(0)
})

test('webhook URL: a link-local address reads plainly beside the field', async ({ page }) => {
  await loginAs(page, 'team_lead')
  await page.goto('/teams/search')
  const url = page.getByLabel('Alert webhook URL')
  await url.fill('http://169.254.169.254/latest/meta-data/')
  await page.getByRole('button', { name: 'Save policy' }).click()
  await expectHighlighted(url, 'err-webhookUrl', /^The webhook URL must reach a public address: 169\.254\.169\.254 is a link-local address \(cloud metadata lives there\), not a public one/)
  await expect(url).toBeFocused()
  await expect(url).toHaveValue('http://169.254.169.254/latest/meta-data/')
})

test('team API key: a bad name and no scope are each said beside their field; both come back as entered', async ({ page }) => {
  await loginAs(page, 'team_lead')
  await page.goto('/teams/search')
  const form = page.getByRole('form', { name: 'Create API key' })
  const name = form.getByLabel('New key name')
  const scopes = form.getByRole('checkbox')
  await name.fill('checkout/api')
  for (const box of await scopes.all()) await box.uncheck()
  await form.getByRole('button', { name: 'Create key' }).click()
  await expectHighlighted(name, 'new-key-name-error', `The key name "checkout/api" won't do: use 1–64 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit.`)
  await expect(form.locator('#new-key-scopes-error')).toHaveText('A key needs at least one scope.')
  for (const box of await scopes.all()) {
    await expect(box).toHaveAttribute('aria-invalid', 'true')
    await expect(box).toHaveAttribute('aria-describedby', 'new-key-scopes-error')
    await expect(box).not.toBeChecked()
  }
  await expect(page.getByTestId('key-error')).toHaveText('Check the highlighted fields.')
  await expect(name).toBeFocused()
  await expect(name).toHaveValue('checkout/api')
})

test('org-wide API key: a bad name is said beside the field; the name and the bills box come back as entered', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto('/settings/api-keys')
  const form = page.getByRole('form', { name: 'Create org-wide key' })
  const name = form.getByLabel('Key name')
  const bills = form.getByLabel('may also load provider bills (bills:write)')
  await name.fill('finance/chargeback')
  await bills.check()
  await form.getByRole('button', { name: 'Create org-wide key' }).click()
  await expectHighlighted(name, 'org-key-name-error', /^The key name "finance\/chargeback" won't do/)
  await expect(page.getByTestId('org-key-message')).toHaveText('Check the highlighted fields.')
  await expect(name).toBeFocused()
  await expect(name).toHaveValue('finance/chargeback')
  await expect(bills).toBeChecked()
})

test('user row: a team lead without a team is said beside the team, with the role as people read it; the picks stay', async ({ page }) => {
  const email = `e2e-row-${hex()}@example.com`
  const user = await createUser(prisma, { email, role: 'engineer', teamSlug: 'search', password: `pw-${hex()}-${hex()}`, actor: { name: 'e2e' } })
  await loginAs(page, 'admin')
  await page.goto(`/settings?q=${encodeURIComponent(email)}`)
  const row = page.locator(`[data-testid="user-row"][data-email="${email}"]`)
  const role = row.getByLabel(`Role of ${email}`, { exact: true })
  const team = row.getByLabel(`Team of ${email}`, { exact: true })
  await role.selectOption('team_lead')
  await team.selectOption('')
  await row.getByRole('button', { name: 'Save' }).click()
  await expectHighlighted(team, `user-${user.id}-team-error`, 'A team lead must belong to a team — pick one.')
  await expect(row.getByTestId(`role-message-${user.id}`)).toHaveText('Check the highlighted fields.')
  await expect(row).not.toContainText('team_lead')
  await expect(team).toBeFocused()
  await expect(role).toHaveValue('team_lead')
  await expect(team).toHaveValue('')
  expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe('engineer')
})

test('create user: an email already in use is said beside the email field', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto('/settings')
  const form = page.getByRole('form', { name: 'Create user' })
  const email = form.getByLabel('Email')
  await email.fill('finance@modelledger.dev')
  await form.getByLabel('Role').selectOption('finance')
  await form.getByLabel('Initial password').fill('long-enough-password')
  await form.getByRole('button', { name: 'Create user' }).click()
  await expectHighlighted(email, 'new-user-email-error', 'A user with the email finance@modelledger.dev already exists.')
  await expect(page.getByTestId('create-user-message')).toHaveText('Check the highlighted fields.')
  await expect(email).toBeFocused()
  await expect(email).toHaveValue('finance@modelledger.dev')
})
