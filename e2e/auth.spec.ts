import { expect, test } from '@playwright/test'
import { demoUsers, loginAs, signOut, submitSignIn, type DemoRole } from './helpers/login'

const allLinks = ['Spend', 'Teams', 'Advice', 'Models & prices', 'Decision tree', 'Reports', 'Audit log', 'Settings', 'API docs'] as const
type NavLink = (typeof allLinks)[number]

const visibleLinks: Record<DemoRole, NavLink[]> = {
  admin: [...allLinks],
  finance: ['Spend', 'Teams', 'Advice', 'Models & prices', 'Decision tree', 'Reports', 'Audit log', 'API docs'],
  team_lead: ['Spend', 'Teams', 'Advice', 'Models & prices', 'Decision tree', 'API docs'],
  engineer: ['Spend', 'Teams', 'Advice', 'Models & prices', 'Decision tree', 'API docs'],
}

const roleLabel: Record<DemoRole, string> = { admin: 'Admin', finance: 'Finance', team_lead: 'Team lead', engineer: 'Engineer' }

for (const role of Object.keys(demoUsers) as DemoRole[]) {
  test(`${role} signs in and sees exactly the nav links the role may open`, async ({ page }) => {
    await loginAs(page, role)
    await expect(page).toHaveURL(/\/spend$/)
    const nav = page.getByRole('navigation', { name: 'Main' })
    for (const link of allLinks) {
      const locator = nav.getByRole('link', { name: link, exact: true })
      if (visibleLinks[role].includes(link)) await expect(locator).toBeVisible()
      else await expect(locator).toHaveCount(0)
    }
    await expect(page.getByTestId('current-user')).toContainText(roleLabel[role])
    if (role === 'team_lead' || role === 'engineer') await expect(page.getByTestId('current-user')).toContainText('search')
  })
}

test('a wrong password shows an error and stays on /login', async ({ page }) => {
  await page.goto('/login')
  await submitSignIn(page, demoUsers.engineer.email, 'not-the-password')
  await expect(page.getByTestId('login-error')).toHaveText('Wrong email or password.')
  await expect(page).toHaveURL(/\/login/)
  await page.goto('/models')
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fmodels/)
})

test('an unknown email gets the same error as a wrong password', async ({ page }) => {
  await page.goto('/login')
  await submitSignIn(page, 'nobody@modelledger.dev', 'demo-admin-pass')
  await expect(page.getByTestId('login-error')).toHaveText('Wrong email or password.')
})

test('anonymous visitors are sent to /login and come back after signing in', async ({ page }) => {
  await page.goto('/models')
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fmodels$/)
  await submitSignIn(page, demoUsers.finance.email, demoUsers.finance.password)
  await expect(page).toHaveURL(/\/models$/)
  await expect(page.getByRole('heading', { name: 'Models & prices' })).toBeVisible()
})

test('/reports: engineer gets a 403, finance gets the page', async ({ page }) => {
  await loginAs(page, 'engineer')
  const denied = await page.goto('/reports')
  expect(denied?.status()).toBe(403)
  await expect(page.getByText('403 — not allowed')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Reports' })).toHaveCount(0)

  await signOut(page)

  await loginAs(page, 'finance')
  const allowed = await page.goto('/reports')
  expect(allowed?.status()).toBe(200)
  await expect(page.getByRole('heading', { name: 'Reports' })).toBeVisible()
})

for (const [role, status] of [['admin', 200], ['finance', 403], ['team_lead', 403], ['engineer', 403]] as const) {
  test(`/settings as ${role} → ${status}`, async ({ page }) => {
    await loginAs(page, role)
    const response = await page.goto('/settings')
    expect(response?.status()).toBe(status)
    if (status === 200) await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible()
    else await expect(page.getByText('403 — not allowed')).toBeVisible()
  })
}

test('signing out ends the session', async ({ page }) => {
  await loginAs(page, 'team_lead')
  await signOut(page)
  await page.goto('/spend')
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fspend$/)
})
