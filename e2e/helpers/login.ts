import { expect, type Page } from '@playwright/test'

// The demo users prisma/seed.ts creates; lead and engineer belong to team `search`.
export const demoUsers = {
  admin: { email: 'admin@modelledger.dev', password: 'demo-admin-pass' },
  finance: { email: 'finance@modelledger.dev', password: 'demo-finance-pass' },
  team_lead: { email: 'lead@modelledger.dev', password: 'demo-lead-pass' },
  engineer: { email: 'engineer@modelledger.dev', password: 'demo-engineer-pass' },
} as const

export type DemoRole = keyof typeof demoUsers

/** Fills the real /login form; resolves once the signed-in shell is showing. */
export async function loginAs(page: Page, role: DemoRole, opts: { callbackUrl?: string } = {}): Promise<void> {
  const { email, password } = demoUsers[role]
  const url = opts.callbackUrl ? `/login?callbackUrl=${encodeURIComponent(opts.callbackUrl)}` : '/login'
  await page.goto(url)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page.getByTestId('current-user')).toContainText(email)
}
