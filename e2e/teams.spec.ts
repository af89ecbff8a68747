import { randomBytes, randomInt } from 'node:crypto'
import { expect, test, type Page } from '@playwright/test'
import { formatUsd } from '@/components/ui/format'
import { prisma } from '@/lib/db'
import { getTeamPolicy } from '@/lib/policy/get-team-policy'
import { toUtcDay, utcMonthOf } from '@/lib/time/utc-days'
import { loginAs, signOut } from './helpers/login'
import { restoreSearchPolicyAfterAll, searchTeam } from './helpers/team-policy'

async function policyFormFields(page: Page): Promise<Record<string, string>> {
  return page.getByTestId('policy-form').evaluate((form) => {
    const out: Record<string, string> = {}
    for (const [k, v] of new FormData(form as HTMLFormElement).entries()) if (typeof v === 'string' && !(k in out)) out[k] = v
    return out
  })
}

test.describe('search policy', () => {
  const restore = restoreSearchPolicyAfterAll()

  test('team lead edits the budget: success message, new version on top, audit row written', async ({ page }, testInfo) => {
    const team = await searchTeam()
    const lead = await prisma.user.findUniqueOrThrow({ where: { email: 'lead@modelledger.dev' } })
    await loginAs(page, 'team_lead')
    await page.goto('/teams/search')
    await expect(page.getByRole('heading', { name: 'Search' })).toBeVisible()
    const before = (await getTeamPolicy(prisma, team.id))?.version ?? 0

    // A refused value first: the field says why and nothing is saved.
    await page.getByLabel('Monthly budget (USD)').fill('12.345')
    await page.getByRole('button', { name: 'Save policy' }).click()
    await expect(page.getByTestId('err-monthlyBudget')).toContainText('The monthly budget must be a dollar amount such as 1200 or 1200.50: digits only, no minus sign, at most 2 decimals and 18 digits before the point.')
    await expect(page.getByLabel('Monthly budget (USD)')).toHaveValue('12.345')
    expect((await getTeamPolicy(prisma, team.id))?.version ?? 0).toBe(before)

    const budget = `${randomInt(200, 90_000)}.${String(randomInt(0, 100)).padStart(2, '0')}`
    await page.getByLabel('Monthly budget (USD)').fill(budget)
    await page.getByRole('button', { name: 'Save policy' }).click()
    await expect(page.getByTestId('policy-message')).toHaveText(`Saved as version ${before + 1}.`)

    const top = page.getByTestId('policy-history').locator('li').first()
    await expect(top).toHaveAttribute('data-version', String(before + 1))
    await expect(top).toContainText(`v${before + 1}`)
    await expect(top).toContainText('lead@modelledger.dev')
    await expect(top).toContainText(`Monthly budget: ${restore()?.monthlyBudget ?? '—'} → ${budget.replace(/\.?0+$/, '')}`)
    await expect(page.getByLabel('Monthly budget (USD)')).toHaveValue(budget.replace(/\.?0+$/, ''))

    const saved = await getTeamPolicy(prisma, team.id)
    expect(saved?.version).toBe(before + 1)
    expect(saved?.monthlyBudget).toBe(budget.replace(/\.?0+$/, ''))
    const audit = await prisma.auditLog.findFirst({ where: { action: 'policy.update', teamId: team.id }, orderBy: { id: 'desc' } })
    expect(audit?.actorId).toBe(lead.id)
    expect(audit?.actor).toBe('lead@modelledger.dev')
    expect((audit?.after as { version?: number; monthlyBudget?: string } | null)?.version).toBe(before + 1)
    expect((audit?.after as { monthlyBudget?: string } | null)?.monthlyBudget).toBe(saved?.monthlyBudget)
    await page.screenshot({ path: testInfo.outputPath('team-search-lead.png'), fullPage: true })
  })

  test('engineer sees the policy read-only, and a replayed server-action POST is refused', async ({ browser }, testInfo) => {
    const team = await searchTeam()
    const baseURL = testInfo.project.use.baseURL ?? ''
    const replay = (page: Page, fields: Record<string, string>, budget: string) =>
      page.request.post('/teams/search', { headers: { origin: baseURL }, multipart: { ...fields, team: 'search', monthlyBudget: budget }, maxRedirects: 0 })

    // The lead's form carries the action's id. Posting it as a plain form (no JavaScript) saves for the
    // lead — the control that shows the replay reaches the action at all.
    const leadContext = await browser.newContext()
    const leadPage = await leadContext.newPage()
    await loginAs(leadPage, 'team_lead')
    await leadPage.goto('/teams/search')
    const fields = await policyFormFields(leadPage)
    expect(Object.keys(fields).some((k) => k.startsWith('$ACTION'))).toBe(true)
    const v0 = (await getTeamPolicy(prisma, team.id))?.version ?? 0
    const control = await replay(leadPage, fields, '4321.00')
    expect(control.status()).toBeLessThan(500)
    await expect.poll(async () => (await getTeamPolicy(prisma, team.id))?.version).toBe(v0 + 1)
    expect((await getTeamPolicy(prisma, team.id))?.monthlyBudget).toBe('4321')
    await leadContext.close()

    const context = await browser.newContext()
    const page = await context.newPage()
    await loginAs(page, 'engineer')
    await page.goto('/teams/search')
    await expect(page.getByTestId('policy-readonly')).toBeVisible()
    await expect(page.getByTestId('policy-budget')).toHaveText(formatUsd('4321'))
    await expect(page.getByTestId('policy-form')).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Save policy' })).toHaveCount(0)
    await page.screenshot({ path: testInfo.outputPath('team-search-engineer.png'), fullPage: true })

    const refused = await replay(page, fields, '1.00')
    expect(refused.status()).toBeLessThan(500)
    const after = await getTeamPolicy(prisma, team.id)
    expect(after?.version).toBe(v0 + 1)
    expect(after?.monthlyBudget).toBe('4321')
    expect(await prisma.auditLog.count({ where: { action: 'policy.update', teamId: team.id, actor: 'engineer@modelledger.dev' } })).toBe(0)
    await context.close()
  })
})

test('engineer creates an API key, it is shown once and works, then revokes it', async ({ page }, testInfo) => {
  await loginAs(page, 'engineer')
  await page.goto('/teams/search')
  const name = `e2e-${randomBytes(4).toString('hex')}`
  const form = page.getByTestId('create-key-form')
  await form.getByLabel('New key name').fill(name)
  await form.getByRole('button', { name: 'Create key' }).click()

  await expect(page.getByTestId('new-key')).toContainText('shown only once')
  const key = await page.getByTestId('new-key-value').inputValue()
  expect(key).toMatch(/^ml_[a-z0-9]{8}_/)
  const row = page.getByTestId('api-keys').locator(`tr[data-key="${name}"]`)
  await expect(row).toContainText(key.slice(0, 11))
  await expect(row.locator('[data-cell="status"]')).toHaveText('active')
  await page.screenshot({ path: testInfo.outputPath('team-key-created.png'), fullPage: true })

  const post = () =>
    page.request.post('/api/v1/usage', {
      headers: { authorization: `Bearer ${key}` },
      data: { events: [{ id: `e2e-${randomBytes(6).toString('hex')}`, timestamp: new Date().toISOString(), model: 'gpt-4o-mini', input_tokens: 10, output_tokens: 5 }] },
    })
  const ok = await post()
  expect(ok.status(), await ok.text()).toBe(200)

  // Shown once: after a reload the secret is nowhere on the page.
  await page.reload()
  await expect(page.getByTestId('new-key')).toHaveCount(0)
  expect(await page.content()).not.toContain(key)

  await row.getByRole('button', { name: 'Revoke' }).click()
  await row.getByRole('button', { name: 'Confirm revoke' }).click()
  await expect(row.locator('[data-cell="status"]')).toContainText('revoked')
  const record = await prisma.apiKey.findFirstOrThrow({ where: { name, team: { slug: 'search' } } })
  expect(record.revokedAt).not.toBeNull()
  expect(await prisma.auditLog.count({ where: { action: { in: ['api_key.create', 'api_key.revoke'] }, entityId: String(record.id) } })).toBe(2)
  expect((await post()).status()).toBe(401)
})

test('tenant wall: the search lead gets 403 on other teams (and on guessed slugs); finance gets 404 for unknown', async ({ page }, testInfo) => {
  await loginAs(page, 'team_lead')
  const other = await page.goto('/teams/support')
  expect(other?.status()).toBe(403)
  await expect(page.getByText('403 — not allowed')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('team-support-lead-403.png') })
  expect((await page.goto(`/teams/guess-${randomBytes(3).toString('hex')}`))?.status()).toBe(403)
  expect((await page.request.get('/teams/support/export?table=flagged')).status()).toBe(403)
  // The list sends a team-scoped user to their own team.
  await page.goto('/teams')
  await expect(page).toHaveURL(/\/teams\/search$/)

  await signOut(page)
  await loginAs(page, 'finance')
  expect((await page.goto(`/teams/no-such-${randomBytes(3).toString('hex')}`))?.status()).toBe(404)
  expect((await page.goto('/teams/support'))?.status()).toBe(200)
  await expect(page.getByTestId('policy-readonly')).toBeVisible()
  await expect(page.getByTestId('create-key-form')).toHaveCount(0)
})

test('finance: the teams list shows month-to-date spend per team equal to the spend API', async ({ page }, testInfo) => {
  await loginAs(page, 'finance')
  await page.goto('/teams')
  await expect(page.getByRole('heading', { name: 'Teams', exact: true })).toBeVisible()
  const now = new Date()
  const res = await page.request.get(`/api/v1/spend?from=${utcMonthOf(now).firstDay}&to=${toUtcDay(now)}&group_by=team`)
  const api = (await res.json()) as { rows: Array<{ team: string; cost_usd: string | null }> }
  for (const slug of ['search', 'support', 'platform']) {
    const row = api.rows.find((r) => r.team === slug)
    await expect(page.locator(`tr[data-team="${slug}"] [data-cell="spent"]`)).toContainText(formatUsd(row?.cost_usd ?? '0'))
  }
  const csv = await page.request.get('/teams/teams.csv')
  expect(csv.status()).toBe(200)
  expect((await csv.text()).split('\r\n')[0]).toContain('team,name,month,spent_usd')
  await page.screenshot({ path: testInfo.outputPath('teams-finance.png'), fullPage: true })
})

test('flagged calls list the newest advised events of the team, with a CSV of the same rows', async ({ page }, testInfo) => {
  const team = await searchTeam()
  const since = new Date(Date.now() - 30 * 86_400_000)
  const newest = await prisma.usageEvent.findMany({
    where: { teamId: team.id, adviceRule: { not: null }, ts: { gte: since, lte: new Date() } },
    orderBy: [{ ts: 'desc' }, { id: 'desc' }],
    take: 50,
    select: { eventId: true, estimatedSaving: true },
  })
  await loginAs(page, 'engineer')
  await page.goto('/teams/search')
  const rows = page.getByTestId('flagged-calls').locator('tbody tr')
  if (newest.length === 0) {
    await expect(page.getByTestId('team-flagged')).toContainText('No flagged calls')
  } else {
    await expect(rows).toHaveCount(Math.min(newest.length, 25))
    await expect(rows.first()).toHaveAttribute('data-event', newest[0]?.eventId ?? '')
    const unknown = newest.findIndex((e) => e.estimatedSaving === null)
    if (unknown >= 0 && unknown < 25) await expect(rows.nth(unknown).locator('[data-cell="saving"]')).toHaveText('saving unknown')
  }
  const csv = await page.request.get('/teams/search/export?table=flagged')
  expect(csv.status()).toBe(200)
  const lines = (await csv.text()).trim().split('\r\n')
  expect(lines).toHaveLength(newest.length + 1)
  if (newest[0]) expect(lines[1]).toContain(newest[0].eventId)
  await page.screenshot({ path: testInfo.outputPath('team-search-flagged.png'), fullPage: true })
  await signOut(page)
  await loginAs(page, 'admin')
  await page.goto('/teams/search')
  await expect(page.getByTestId('policy-form')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('team-search-admin.png'), fullPage: true })
})
