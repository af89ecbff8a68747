import { expect, test } from '@playwright/test'
import { prisma } from '@/lib/db'
import { getTeamPolicy } from '@/lib/policy/get-team-policy'
import { saveTeamPolicy } from '@/lib/policy/save-team-policy'
import { loginAs } from './helpers/login'

// The audit log writes money as the rest of the app does, not as the stored decimal text.

const researchTeam = () => prisma.team.findUniqueOrThrow({ where: { slug: 'research' } })

type Policy = NonNullable<Awaited<ReturnType<typeof getTeamPolicy>>>

function savePolicy({ teamId, version: _v, createdById: _c, createdAt: _a, ...input }: Policy, actor: string) {
  return saveTeamPolicy(prisma, { teamId, input, actor: { name: actor } })
}

let restore: Policy | null = null
test.beforeAll(async () => {
  restore = await getTeamPolicy(prisma, (await researchTeam()).id)
})
// The team's policy goes back as it was (as a new version), so other specs see the demo budget.
test.afterAll(async () => {
  if (restore) await savePolicy(restore, 'e2e-restore')
})

test('a budget change reads as dollars and cents in the audit log', async ({ page }) => {
  test.setTimeout(90_000)
  const team = await researchTeam()
  // A known budget before the change, whatever earlier runs left.
  if (restore) await savePolicy({ ...restore, monthlyBudget: '1000' }, 'e2e')
  await loginAs(page, 'admin')
  await page.goto('/teams/research')
  await page.getByLabel('Monthly budget (USD)').fill('1234.5')
  await page.getByRole('button', { name: 'Save policy' }).click()
  await expect(page.getByTestId('policy-message')).toContainText('Saved as version')
  expect((await getTeamPolicy(prisma, team.id))?.monthlyBudget).toBe('1234.5')

  await page.goto('/settings/audit?action=policy.update&team=research')
  const row = page.getByTestId('audit-row').first()
  await expect(row).toContainText('admin@modelledger.dev')
  await expect(row).toContainText(restore ? 'monthlyBudget: $1,000.00 → $1,234.50' : 'monthlyBudget: $1,234.50')
})
