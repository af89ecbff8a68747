import { randomInt } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { formatPerMillion } from '@/components/ui/format'
import { prisma } from '@/lib/db'
import { getTeamPolicy } from '@/lib/policy/get-team-policy'
import { Decimal } from '@/lib/pricing/decimal'
import { loginAs } from './helpers/login'
import { restoreSearchPolicyAfterAll, searchTeam } from './helpers/team-policy'

// Issue 18 item 4: prices per 1M tokens everywhere. The policy's price cap is stored per 1K (its column,
// policy files and the what-if CLI keep that unit), but the editor, the summary and the history speak per 1M.

test.describe('the price cap per 1M tokens', () => {
  restoreSearchPolicyAfterAll()

  test('team lead sets the cap as $X per 1M, sees it back per 1M, and it is stored per 1K', async ({ page }) => {
    test.setTimeout(120_000)
    const team = await searchTeam()
    const before = await getTeamPolicy(prisma, team.id)
    const shownBefore = before?.maxPricePer1k ? new Decimal(before.maxPricePer1k).times(1000).toFixed() : ''
    await loginAs(page, 'team_lead')
    await page.goto('/teams/search')
    const cap = page.getByLabel('Max $ per 1M input tokens')
    // The saved cap (the demo's 0.004 per 1K) reads per 1M, and the field says what it accepts.
    await expect(cap).toHaveValue(shownBefore)
    await expect(page.locator('#hint-maxPricePer1M')).toHaveText('US dollars per 1M input tokens, such as 4 or 0.075, with up to 6 decimals. Empty: no cap.')

    // Finer than the column keeps: refused beside the field, exactly as typed, nothing saved.
    await cap.fill(' 0.0000005 ')
    await page.getByRole('button', { name: 'Save policy' }).click()
    await expect(page.getByTestId('err-maxPricePer1M')).toHaveText(
      'The price cap must be a dollar amount per 1M input tokens, such as 4 or 0.075: digits only, no minus sign, at most 6 decimals and 14 digits before the point.',
    )
    await expect(cap).toHaveAttribute('aria-invalid', 'true')
    await expect(cap).toHaveValue(' 0.0000005 ')
    expect((await getTeamPolicy(prisma, team.id))?.version).toBe(before?.version)

    // A cap with all six decimals, different on every run so the history shows a change.
    const per1M = `${randomInt(1, 10)}.${String(randomInt(1, 1_000_000)).padStart(6, '0')}`
    const shown = new Decimal(per1M).toFixed()
    await cap.fill(per1M)
    await page.getByRole('button', { name: 'Save policy' }).click()
    const version = (before?.version ?? 0) + 1
    await expect(page.getByTestId('policy-message')).toHaveText(`Saved as version ${version}.`, { timeout: 30_000 })
    await expect(cap).toHaveValue(shown)
    await expect(page.getByTestId('policy-history').locator('li').first()).toContainText(`Max $ per 1M input tokens: ${shownBefore || '—'} → ${shown}`)

    // Stored per 1K, exactly: the typed figure ÷ 1000.
    const row = await prisma.teamPolicy.findFirstOrThrow({ where: { teamId: team.id }, orderBy: { version: 'desc' } })
    expect(row.version).toBe(version)
    expect(row.maxPricePer1k?.toFixed()).toBe(new Decimal(per1M).dividedBy(1000).toFixed())
    const audit = await prisma.auditLog.findFirst({ where: { action: 'policy.update', teamId: team.id }, orderBy: { id: 'desc' } })
    expect((audit?.after as { maxPricePer1k?: string } | null)?.maxPricePer1k).toBe(new Decimal(per1M).dividedBy(1000).toFixed())

    // The read-only summary (engineers, finance) says it per 1M as well.
    await page.context().clearCookies()
    await loginAs(page, 'engineer')
    await page.goto('/teams/search')
    await expect(page.getByTestId('policy-price-cap')).toHaveText(formatPerMillion(shown))
    await expect(page.getByTestId('policy-readonly')).toContainText('Max $ per 1M input tokens')
  })
})
