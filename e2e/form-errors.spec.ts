import { expect, test, type Locator } from '@playwright/test'
import { prisma } from '@/lib/db'
import { getTeamPolicy } from '@/lib/policy/get-team-policy'
import { loginAs } from './helpers/login'

// Issue 18 item 9: a refused form says what is wrong in plain words beside the field, highlights that
// field (aria-invalid and a visible red border), puts the cursor on the first one, and gives back
// exactly what was typed.

const RED = 'rgb(220, 38, 38)'

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
