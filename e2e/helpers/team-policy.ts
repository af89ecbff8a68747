import { test, type Locator, type Page } from '@playwright/test'
import { prisma } from '@/lib/db'
import { getTeamPolicy } from '@/lib/policy/get-team-policy'
import { saveTeamPolicy } from '@/lib/policy/save-team-policy'

export const searchTeam = () => prisma.team.findUniqueOrThrow({ where: { slug: 'search' } })

type SavedPolicy = Awaited<ReturnType<typeof getTeamPolicy>>

/** Saves the demo search team's policy as it was before the describe block (as a new version), so
 *  the specs after it see the demo budget and cap. Call inside a test.describe; it returns that policy. */
export function restoreSearchPolicyAfterAll(): () => SavedPolicy {
  let restore: SavedPolicy = null
  test.beforeAll(async () => {
    restore = await getTeamPolicy(prisma, (await searchTeam()).id)
  })
  test.afterAll(async () => {
    if (!restore) return
    const { teamId, version: _v, createdById: _c, createdAt: _a, ...input } = restore
    await saveTeamPolicy(prisma, { teamId, input, actor: { name: 'e2e-restore' } })
  })
  return () => restore
}

/** Ticks a model in the policy editor's "blocked models" picker (searching for it first); returns its box. */
export async function blockInDraft(page: Page, slug: string): Promise<Locator> {
  const blocked = page.getByTestId('picker-blockedModels')
  await blocked.getByRole('searchbox').fill(slug)
  const box = blocked.getByRole('checkbox').and(page.locator(`[value="${slug}"]`))
  if (!(await box.isChecked())) await box.check()
  return box
}
