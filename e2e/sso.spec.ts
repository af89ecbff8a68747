import { expect, test, type Page } from '@playwright/test'
import { ssoRefusalMessages, type SsoRefusal } from '@/lib/auth/sso/sso-refusals'
import { prisma } from '@/lib/db'
import { demoUsers, loginAs } from './helpers/login'
import { oidcTestPort, ssoAccounts, type ClaimsMode, type SsoAccount } from './oidc/accounts'

// Single sign-on against a real OpenID provider (e2e/oidc/serve-test-provider.ts, started by
// playwright.config.ts), once with the email claims in the ID token and once with them only in userinfo.
const providerUrl = `http://localhost:${oidcTestPort()}`

async function useClaimsMode(mode: ClaimsMode): Promise<void> {
  const res = await fetch(`${providerUrl}/e2e/claims-mode/${mode}`, { method: 'POST' })
  expect(res.status).toBe(204)
}

/** From our login page through the provider's development login and consent forms, as a person would. */
async function signInWithSso(page: Page, account: SsoAccount): Promise<void> {
  await page.goto('/login')
  await page.getByRole('button', { name: 'Sign in with E2E OpenID' }).click()
  await expect(page).toHaveURL(new RegExp(`^${providerUrl}/interaction/`))
  await page.getByPlaceholder('Enter any login').fill(account)
  await page.getByPlaceholder('and password').fill('any password')
  await page.getByRole('button', { name: 'Sign-in' }).click()
  await page.getByRole('button', { name: 'Continue' }).click()
}

async function lastAuditId(): Promise<bigint> {
  return (await prisma.auditLog.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0n
}

async function ssoSignInsSince(id: bigint) {
  return prisma.auditLog.findMany({ where: { action: 'user.sign_in_sso', id: { gt: id } }, orderBy: { id: 'asc' } })
}

test.beforeAll(async () => {
  const email = ssoAccounts.disabled.email
  await prisma.user.upsert({
    where: { email },
    create: { email, name: 'Disabled via SSO', role: 'finance', disabledAt: new Date() },
    update: { disabledAt: new Date() },
  })
})

const refusals: Array<[SsoAccount, SsoRefusal, string]> = [
  ['stranger', 'no_such_user', 'an unknown email'],
  ['unverified', 'email_unverified', 'an email the provider marks unverified'],
  ['unflagged', 'email_unverified', 'an email without email_verified'],
  ['no_email', 'no_email', 'no email at all'],
  ['disabled', 'user_disabled', 'a disabled user'],
]

for (const mode of ['id_token', 'userinfo'] as const) {
  test.describe(`SSO with the email claims in ${mode === 'id_token' ? 'the ID token' : 'userinfo only'}`, () => {
    test.beforeEach(() => useClaimsMode(mode))

    test('existing users sign in, land on their home page with their role, and each sign-in is audited', async ({ page, context }) => {
      const since = await lastAuditId()
      await signInWithSso(page, 'finance')
      await expect(page).toHaveURL(/\/spend$/)
      await expect(page.getByTestId('current-user')).toContainText(demoUsers.finance.email)
      await expect(page.getByTestId('current-user')).toContainText('Finance')

      // The provider's address differs in case from ours; the role is ModelLedger's, not the provider's.
      await context.clearCookies()
      await signInWithSso(page, 'lead')
      await expect(page).toHaveURL(/\/spend$/)
      await expect(page.getByTestId('current-user')).toContainText(demoUsers.team_lead.email)
      await expect(page.getByTestId('current-user')).toContainText('Team lead')

      const rows = await ssoSignInsSince(since)
      expect(rows.map((r) => r.actor)).toEqual([demoUsers.finance.email, demoUsers.team_lead.email])
      for (const row of rows) {
        expect(row.after).toEqual({ method: 'sso', issuer: providerUrl, emailSource: mode })
        expect(row.entityId).toBe(String(row.actorId))
      }
    })

    for (const [account, reason, what] of refusals) {
      test(`${what} is refused with its own sentence and no session`, async ({ page }) => {
        const since = await lastAuditId()
        await signInWithSso(page, account)
        await expect(page).toHaveURL(/\/login\?error=Sso/)
        await expect(page.getByTestId('login-error')).toHaveText(ssoRefusalMessages[reason])
        await page.goto('/spend')
        await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fspend$/)
        expect(await ssoSignInsSince(since)).toEqual([])
      })
    }
  })
}

test('the audit log page lists SSO sign-ins', async ({ page }) => {
  await useClaimsMode('userinfo')
  const since = await lastAuditId()
  await signInWithSso(page, 'finance')
  await expect(page).toHaveURL(/\/spend$/)
  const [row] = await ssoSignInsSince(since)
  await page.context().clearCookies()
  await loginAs(page, 'admin')
  await page.goto('/settings/audit?action=user.sign_in_sso')
  await expect(page.locator(`[data-testid="audit-row"][data-action="user.sign_in_sso"][data-entity-id="${row!.entityId}"]`).first()).toContainText(demoUsers.finance.email)
})
