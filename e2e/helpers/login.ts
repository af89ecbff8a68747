import type { Role } from '@prisma/client'
import { expect, type Page } from '@playwright/test'
import { DEMO_LOGIN_BY_ROLE } from '@/lib/demo/demo-logins'

// The demo users the seed creates (one list, lib/demo/demo-logins.ts); lead and engineer belong to
// team `search`.
export const demoUsers = DEMO_LOGIN_BY_ROLE

export type DemoRole = Role

/** Fills the real /login form; resolves once the signed-in shell is showing. */
export async function loginAs(page: Page, role: DemoRole, opts: { callbackUrl?: string } = {}): Promise<void> {
  const { email, password } = demoUsers[role]
  const url = opts.callbackUrl ? `/login?callbackUrl=${encodeURIComponent(opts.callbackUrl)}` : '/login'
  await page.goto(url)
  await submitSignIn(page, email, password)
  await expect(page.getByTestId('current-user')).toContainText(email)
}

/** Fills and submits the /login form the page is showing; what follows is the caller's to check. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}

/** Signs out through the shell's button; resolves once the sign-in page shows. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/login/)
}
