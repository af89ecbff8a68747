import { expect, test, type Page } from '@playwright/test'
import { Queue } from 'bullmq'
import { randomBytes } from 'node:crypto'
import { prisma } from '@/lib/db'
import { env } from '@/lib/env'
import { queueNames, redisConnection } from '@/lib/queues'
import { createUser } from '@/lib/users/create-user'
import { loginAs, signOut, submitSignIn, type DemoRole } from './helpers/login'

const hex = () => randomBytes(4).toString('hex')

async function shot(page: Page, path: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(path), fullPage: true })
}

test('admin creates an engineer in team search, who then signs in through the form and sees their team', async ({ page }) => {
  const email = `e2e-eng-${hex()}@example.com`
  const password = `pw-${hex()}-${hex()}`
  await loginAs(page, 'admin')
  const response = await page.goto('/settings')
  expect(response?.status()).toBe(200)
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible()

  const form = page.getByRole('form', { name: 'Create user' })
  await form.getByLabel('Email').fill(email)
  await form.getByLabel('Name').fill('E2E Engineer')
  await form.getByLabel('Role').selectOption('engineer')
  await form.getByLabel('Team').selectOption('search')
  await form.getByLabel('Initial password').fill(password)
  await form.getByRole('button', { name: 'Create user' }).click()
  await expect(page.getByTestId('create-user-message')).toHaveText(new RegExp(`Created ${email} as Engineer in team search`))

  const row = page.locator(`[data-testid="user-row"][data-email="${email}"]`)
  await expect(row.locator('[data-cell="role-team"]')).toHaveAttribute('data-role', 'engineer')
  await expect(row.locator('[data-cell="role-team"]')).toHaveAttribute('data-team', 'search')
  await expect(row.locator('[data-cell="status"]')).toContainText('Active')

  const stored = await prisma.user.findUniqueOrThrow({ where: { email }, include: { team: true } })
  expect(stored).toMatchObject({ role: 'engineer', name: 'E2E Engineer', disabledAt: null })
  expect(stored.team?.slug).toBe('search')
  const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'user.create', entityId: String(stored.id) } })
  expect(audit.actor).toBe('admin@modelledger.dev')
  expect(audit.after).toMatchObject({ email, role: 'engineer', team: 'search' })

  // Bad input comes back to the form, not as an error page.
  await form.getByLabel('Email').fill(email)
  await form.getByLabel('Role').selectOption('engineer')
  await form.getByLabel('Initial password').fill('short')
  await form.getByRole('button', { name: 'Create user' }).click()
  await expect(page.getByTestId('create-user-message')).toHaveText('Check the highlighted fields.')
  await expect(page.getByText('The password must be at least 8 characters.')).toBeVisible()
  await shot(page, 'settings-users-admin-1280.png')

  await signOut(page)
  await submitSignIn(page, email, password)
  await expect(page.getByTestId('current-user')).toContainText(email)
  await expect(page.getByTestId('current-user')).toContainText('Engineer')
  await expect(page.getByTestId('current-user')).toContainText('team search')
  expect((await page.goto('/settings'))?.status()).toBe(403)
})

test('admin changes a role and disables a user; each change is in the audit log with before → after', async ({ page }) => {
  const email = `e2e-role-${hex()}@example.com`
  const password = `pw-${hex()}-${hex()}`
  const user = await createUser(prisma, { email, role: 'engineer', teamSlug: 'search', password, actor: { name: 'e2e' } })

  await loginAs(page, 'admin')
  await page.goto(`/settings?q=${encodeURIComponent(email)}`)
  const row = page.locator(`[data-testid="user-row"][data-email="${email}"]`)
  await expect(page.locator('[data-testid="user-row"]')).toHaveCount(1)
  await row.getByLabel(`Role of ${email}`, { exact: true }).selectOption('team_lead')
  await row.getByRole('button', { name: 'Save' }).click()
  await expect(row.getByTestId(`role-message-${user.id}`)).toHaveText(`${email} is now Team lead in team search.`)
  await expect(row.locator('[data-cell="role-team"]')).toHaveAttribute('data-role', 'team_lead')
  expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe('team_lead')

  const update = await prisma.auditLog.findFirstOrThrow({ where: { action: 'user.update', entityId: String(user.id) } })
  expect(update.actor).toBe('admin@modelledger.dev')
  expect(update.before).toMatchObject({ role: 'engineer', team: 'search' })
  expect(update.after).toMatchObject({ role: 'team_lead', team: 'search' })

  // A team lead needs a team: refused, and the form says why.
  await row.getByLabel(`Team of ${email}`, { exact: true }).selectOption('')
  await row.getByRole('button', { name: 'Save' }).click()
  await expect(row.getByTestId(`role-message-${user.id}`)).toHaveText('Check the highlighted fields.')
  await expect(row.getByText('A team lead must belong to a team — pick one.')).toBeVisible()

  await row.getByRole('button', { name: 'Disable' }).click()
  await expect(row.locator('[data-cell="status"]')).toContainText('Disabled')
  await expect(row.getByRole('button', { name: 'Enable' })).toBeVisible()
  expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).not.toBeNull()
  const disable = await prisma.auditLog.findFirstOrThrow({ where: { action: 'user.disable', entityId: String(user.id) } })
  expect(disable.before).toMatchObject({ disabledAt: null })

  // The audit page shows the role change as before → after.
  await page.goto('/settings/audit?action=user.')
  const entry = page.locator(`[data-testid="audit-row"][data-action="user.update"][data-entity-id="${user.id}"]`)
  await expect(entry).toContainText('role: engineer → team_lead')
  await expect(entry).toContainText(email)
  await expect(page.locator(`[data-testid="audit-row"][data-action="user.disable"][data-entity-id="${user.id}"]`)).toHaveCount(1)
  await shot(page, 'settings-audit-admin-1280.png')

  // The CSV is the same table.
  const csv = await page.request.get('/settings/audit/export?action=user.')
  expect(csv.status()).toBe(200)
  expect(csv.headers()['content-type']).toContain('text/csv')
  expect(await csv.text()).toContain(`user.update,user,${user.id}`)

  // A disabled user cannot sign in.
  await signOut(page)
  await submitSignIn(page, email, password)
  await expect(page.getByTestId('login-error')).toHaveText('Wrong email or password.')
})

test('admin creates a team, and an org-wide key that is shown once, reads all teams, and stops working when revoked', async ({ page }) => {
  await loginAs(page, 'admin')
  const slug = `e2e-${hex()}`
  await page.goto('/settings/teams')
  const teamForm = page.getByRole('form', { name: 'Create team' })
  await teamForm.getByLabel('Slug').fill(slug)
  await teamForm.getByLabel('Name').fill('E2E settings team')
  await teamForm.getByRole('button', { name: 'Create team' }).click()
  await expect(page.getByTestId('create-team-message')).toHaveText(new RegExp(`Created team ${slug}`))
  await expect(page.locator(`[data-testid="team-row"][data-slug="${slug}"]`)).toContainText('E2E settings team')
  expect(await prisma.team.count({ where: { slug } })).toBe(1)
  await teamForm.getByLabel('Slug').fill('Not A Slug')
  await teamForm.getByLabel('Name').fill('x')
  await teamForm.getByRole('button', { name: 'Create team' }).click()
  await expect(page.getByText('The team slug "Not A Slug" won', { exact: false })).toBeVisible()

  const name = `e2e-org-${hex()}`
  await page.goto('/settings/api-keys')
  await page.getByLabel('Key name').fill(name)
  await page.getByRole('button', { name: 'Create org-wide key' }).click()
  const key = (await page.getByTestId('new-org-key-value').textContent())?.trim() ?? ''
  expect(key).toMatch(/^ml_[a-z0-9]{8}_/)
  const record = await prisma.apiKey.findFirstOrThrow({ where: { name, teamId: null } })
  expect(record.scopes).toEqual(['spend:read:all'])
  const row = page.locator(`[data-testid="org-key-row"][data-prefix="${record.prefix}"]`)
  await expect(row.locator('[data-cell="status"]')).toHaveText('Active')
  await shot(page, 'settings-keys-admin-1280.png')

  // It reads every team's spend, the same totals a signed-in admin reads.
  const withKey = await page.request.get('/api/v1/spend?group_by=team', { headers: { authorization: `Bearer ${key}` } })
  expect(withKey.status()).toBe(200)
  const asAdmin = await page.request.get('/api/v1/spend?group_by=team')
  expect((await withKey.json()).totals).toEqual((await asAdmin.json()).totals)

  // Shown once: a reload shows the prefix only.
  await page.reload()
  await expect(page.getByTestId('new-org-key-value')).toHaveCount(0)
  await expect(page.getByText(key)).toHaveCount(0)

  page.once('dialog', (d) => void d.accept())
  await row.getByRole('button', { name: 'Revoke' }).click()
  await expect(row.locator('[data-cell="status"]')).toContainText('Revoked')
  // Key lookups are cached for a few seconds per process (verify-api-key), so "fails within seconds".
  await expect
    .poll(async () => (await page.request.get('/api/v1/spend', { headers: { authorization: `Bearer ${key}` } })).status(), { timeout: 15_000 })
    .toBe(401)
  expect(await prisma.auditLog.count({ where: { action: 'api_key.revoke', entityId: String(record.id), actor: 'admin@modelledger.dev' } })).toBe(1)
})

test('admin sees the webhook of each team and recent alert deliveries', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto('/settings/webhooks')
  const search = await prisma.team.findUniqueOrThrow({ where: { slug: 'search' } })
  const policy = await prisma.teamPolicy.findFirst({ where: { teamId: search.id }, orderBy: { version: 'desc' } })
  const cell = page.locator('[data-testid="webhook-row"][data-slug="search"] [data-cell="webhook"]')
  if (policy?.webhookUrl) await expect(cell).toHaveText(`${new URL(policy.webhookUrl).protocol}//${new URL(policy.webhookUrl).host}/…`)
  else await expect(cell).toHaveText('not set')
  const alerts = await prisma.alert.count()
  if (alerts === 0) await expect(page.getByText('No alerts yet')).toBeVisible()
  else await expect(page.locator('[data-testid="alert-row"]')).toHaveCount(Math.min(alerts, 50))
  await shot(page, 'settings-webhooks-admin-1280.png')
})

test('admin generates a team signing secret shown once, rotates it with an overlap, and sends a test event', async ({ page }) => {
  test.slow() // two generations, two reloads and a send: several server round trips
  const slug = `e2e-hook-${Date.now().toString(36)}`
  const team = await prisma.team.create({ data: { slug, name: 'E2E webhook team' } })
  // .invalid never resolves (RFC 6761): the test event is refused by DNS, wherever this runs.
  await prisma.teamPolicy.create({ data: { teamId: team.id, version: 1, webhookUrl: `https://hooks.${slug}.invalid/in` } })
  await loginAs(page, 'admin')
  await page.goto('/settings/webhooks')
  await expect(page.getByTestId('webhook-verify-snippet')).toContainText("wh.verify(req.body, req.headers)")
  const row = page.locator(`[data-testid="webhook-row"][data-slug="${slug}"]`)
  await expect(row.locator('[data-cell="secret"]')).toContainText('None: nothing is delivered')
  await expect(row.getByRole('button', { name: 'Send test event' })).toHaveCount(0)

  await row.getByRole('button', { name: 'Generate secret' }).click()
  const first = (await row.getByTestId('new-webhook-secret-value').textContent()) ?? ''
  expect(first).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
  const stored = await prisma.webhookSecret.findMany({ where: { teamId: team.id } })
  expect(stored).toHaveLength(1)
  expect(stored[0]!.ciphertext).not.toContain(first.slice(6, 20))

  await page.reload()
  await expect(page.getByText(first)).toHaveCount(0)
  await expect(row.locator('[data-cell="secret"]')).toContainText('Since')
  page.once('dialog', (d) => void d.accept())
  await row.getByRole('button', { name: 'Rotate secret' }).click()
  const second = (await row.getByTestId('new-webhook-secret-value').textContent()) ?? ''
  expect(second).toMatch(/^whsec_/)
  expect(second).not.toBe(first)
  await expect(row.getByTestId('webhook-secret-message')).toContainText('previous secret keeps signing too until')

  await page.reload()
  await expect(row.locator('[data-cell="secret"]')).toContainText('previous one signs until')
  await row.getByRole('button', { name: 'Send test event' }).click()
  await expect(row.getByTestId('webhook-test-message')).toContainText(/Test event test_[0-9a-f-]+ not delivered: hooks\.e2e-hook-[a-z0-9]+\.invalid could not be (found|looked up)/)
  await expect(row.getByTestId('webhook-test-message')).not.toContainText('getaddrinfo')
  expect(await prisma.auditLog.count({ where: { teamId: team.id, action: { in: ['webhook_secret.rotate', 'webhook.test'] } } })).toBe(3)
  await shot(page, 'settings-webhook-secret-1280.png')
})

for (const role of ['finance', 'team_lead', 'engineer'] as DemoRole[]) {
  test(`${role} gets 403 on /settings and /admin/queues`, async ({ page }) => {
    await loginAs(page, role)
    for (const path of ['/settings', '/settings/teams', '/admin/queues']) {
      const res = await page.goto(path)
      expect(res?.status(), path).toBe(403)
      await expect(page.getByText('403 — not allowed')).toBeVisible()
    }
    const api = await page.request.get('/admin/queues/api/queues')
    expect(api.status()).toBe(403)
    expect(await api.text()).not.toContain(queueNames.rollup)
    await shot(page, `forbidden-${role}.png`)
  })
}

test('finance reads the audit log at /settings/audit (read-only)', async ({ page }) => {
  await loginAs(page, 'finance')
  const entriesBefore = await prisma.auditLog.count()
  const res = await page.goto('/settings/audit')
  expect(res?.status()).toBe(200)
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible()
  // The first row is the newest entry in the database (allowing for one written meanwhile).
  const first = page.locator('[data-testid="audit-row"]').first()
  const shown = { action: await first.getAttribute('data-action'), entityId: (await first.getAttribute('data-entity-id')) || null }
  const newest = await prisma.auditLog.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 3, select: { action: true, entityId: true } })
  expect(newest).toContainEqual(shown)
  const rows = await page.locator('[data-testid="audit-row"]').count()
  expect(rows).toBeLessThanOrEqual(100)
  expect(rows).toBeGreaterThanOrEqual(Math.min(100, entriesBefore))
  await expect(page.getByRole('navigation', { name: 'Settings sections' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /Save|Disable|Revoke/ })).toHaveCount(0)
  await shot(page, 'settings-audit-finance-1280.png')
  await page.setViewportSize({ width: 390, height: 844 })
  await shot(page, 'settings-audit-finance-390.png')
})

test('admin sees every queue in bull-board and retries a failed job; the retry is audited', async ({ page }) => {
  const queue = new Queue(queueNames.reprice, { connection: redisConnection(), prefix: env.QUEUE_PREFIX })
  const jobId = `e2e-${hex()}`
  try {
    // An invalid payload fails in the worker's validation at once (one attempt, no backoff).
    await queue.add('reprice', { runId: 'not-a-number' }, { jobId, attempts: 1 })
    await expect.poll(async () => (await queue.getJob(jobId))?.getState(), { timeout: 20_000 }).toBe('failed')

    await loginAs(page, 'admin')
    const res = await page.goto('/admin/queues')
    expect(res?.status()).toBe(200)
    for (const name of Object.values(queueNames)) await expect(page.getByText(name, { exact: true }).first()).toBeVisible()
    await shot(page, 'queues-admin-1280.png')

    // The board's own API: Redis's counts, and the failed job with its payload.
    const overview = await page.request.get(`/admin/queues/api/queues?activeQueue=${queueNames.reprice}&status=failed&page=1`)
    expect(overview.status()).toBe(200)
    const body = (await overview.json()) as { queues: { name: string; counts: Record<string, number>; jobs: { id: string; data: unknown }[] }[] }
    const reprice = body.queues.find((q) => q.name === queueNames.reprice)
    expect(reprice?.counts.failed).toBe((await queue.getJobCounts('failed')).failed)
    expect(reprice?.jobs.map((j) => j.id)).toContain(jobId)

    const retry = await page.request.put(`/admin/queues/api/queues/${queueNames.reprice}/${jobId}/retry`)
    expect(retry.ok(), await retry.text()).toBe(true)
    // It ran again (and failed again: the payload is still invalid), and the admin's action is on record.
    await expect.poll(async () => (await queue.getJob(jobId))?.attemptsMade, { timeout: 20_000 }).toBe(2)
    const audited = await prisma.auditLog.findFirstOrThrow({ where: { action: 'queue.board', actor: 'admin@modelledger.dev', entityId: `/api/queues/${queueNames.reprice}/${jobId}/retry` } })
    expect(audited.after).toMatchObject({ method: 'PUT' })
  } finally {
    await (await queue.getJob(jobId))?.remove().catch(() => undefined)
    await queue.close()
  }
})
