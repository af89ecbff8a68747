import { expect, test } from '@playwright/test'
import { formatCount } from '@/components/ui/format'
import { prisma } from '@/lib/db'
import { Decimal } from '@/lib/pricing/decimal'
import { loginAs } from './helpers/login'
import { blockInDraft } from './helpers/team-policy'

// The policy editor shows what a draft would do before it is saved: the what-if replay of the draft over
// the team's last 30 days, in sentences. Nothing is saved by previewing.

test("team lead: blocking gpt-4o in the draft shows its share of search's calls and the spend change, unsaved", async ({ page }) => {
  test.setTimeout(90_000)
  const team = await prisma.team.findUniqueOrThrow({ where: { slug: 'search' } })
  const versionsBefore = await prisma.teamPolicy.count({ where: { teamId: team.id } })
  await loginAs(page, 'team_lead')
  await page.goto('/teams/search')

  const gpt4o = await blockInDraft(page, 'gpt-4o')
  const started = Date.now()
  await page.getByRole('button', { name: 'Preview impact' }).click()

  const impact = page.getByTestId('policy-impact')
  await expect(impact).toBeVisible({ timeout: 30_000 })
  // The team's calls in the replayed window, counted here from the events (the what-if reads them raw).
  const from = new Date(started - 30 * 86_400_000)
  const calls = await prisma.usageEvent.count({ where: { teamId: team.id, ts: { gte: new Date(from.getTime() - 120_000), lt: new Date() } } })
  const callsStrict = await prisma.usageEvent.count({ where: { teamId: team.id, ts: { gte: new Date(from.getTime() + 120_000), lt: new Date() } } })
  const shown = Number((await impact.locator('p').first().innerText()).match(/search's ([\d,]+) calls/)?.[1]?.replaceAll(',', ''))
  expect(shown).toBeGreaterThanOrEqual(callsStrict)
  expect(shown).toBeLessThanOrEqual(calls)

  const line = impact.locator('[data-testid="impact-line"][data-rule="policy.blocked-model"][data-model="gpt-4o"]')
  await expect(line).toContainText(/^Blocking gpt-4o affects \d+\.\d% of search's calls \([\d,]+ in 30 days\); moving them to .+ would change spend by [−+]?\$[\d,]+\.\d\d/)
  const moved = Number(await line.getAttribute('data-calls'))
  expect(moved).toBeGreaterThan(0)
  await expect(line).toContainText(`(${formatCount(moved)} in 30 days)`)
  await expect(line).toContainText(`${new Decimal(moved).times(100).dividedBy(shown).toDecimalPlaces(1).toFixed(1)}%`)

  // Previewing saved nothing, and the draft is still as typed.
  expect(await prisma.teamPolicy.count({ where: { teamId: team.id } })).toBe(versionsBefore)
  await expect(gpt4o).toBeChecked()
})

test('the what-if is its own view, with the same model picker and a before/after chart', async ({ page }) => {
  test.setTimeout(90_000)
  await loginAs(page, 'finance')
  await page.goto('/advice')
  await expect(page.getByTestId('section-flagged')).toBeVisible()
  await expect(page.getByTestId('what-if-form')).toHaveCount(0)
  await page.getByTestId('tab-what-if').click()
  await expect(page.getByTestId('tab-what-if')).toHaveAttribute('aria-current', 'page')
  await expect(page.getByTestId('section-flagged')).toHaveCount(0)

  const form = page.getByTestId('what-if-form')
  await form.locator('select[name="wi_team"]').selectOption('search')
  await form.getByLabel('A proposed policy (below)').check()
  const blocked = form.getByTestId('picker-wi_blocked')
  await blocked.getByRole('searchbox').fill('gpt-4o')
  await blocked.getByRole('checkbox').and(page.locator('[value="gpt-4o"]')).check()
  await form.getByRole('button', { name: 'Run what-if' }).click()

  await expect(page.getByTestId('what-if-results')).toBeVisible({ timeout: 30_000 })
  await expect(page).toHaveURL(/wi_blocked=gpt-4o/)
  await expect(page.getByTestId('tab-what-if')).toHaveAttribute('aria-current', 'page')
  await expect(page.getByTestId('what-if-chart')).toHaveAttribute('aria-label', /^Spend before and after the what-if, per model/)
  await expect(page.getByTestId('what-if-chart').locator('svg').first()).toBeVisible()
  await expect(page.getByTestId('picker-wi_blocked').getByRole('checkbox').and(page.locator('[value="gpt-4o"]'))).toBeChecked()
})
