import { expect, test, type Page } from '@playwright/test'
import { prisma } from '@/lib/db'
import { loginAs } from './helpers/login'

// Flagged calls are paged on the server, 25 a page, with the total, on the Advice page and a team page
// (one table component for both).

async function checkPaging(page: Page, total: number) {
  const rows = page.getByTestId('flagged-row')
  await expect(page.getByTestId('flagged-total')).toContainText(`of ${total.toLocaleString('en-US')} flagged call`)
  await expect(rows).toHaveCount(Math.min(25, total))
  test.skip(total <= 25, 'fewer than two pages of flagged calls')
  const firstOfPage1 = await rows.first().getAttribute('data-event')
  await page.getByTestId('flagged-pager').getByRole('link', { name: 'Older →' }).click()
  await expect(page).toHaveURL(/page=2/)
  await expect(page.getByTestId('flagged-total')).toContainText(`26–${Math.min(50, total)} of`)
  await expect(rows).toHaveCount(Math.min(25, total - 25))
  expect(await rows.first().getAttribute('data-event')).not.toBe(firstOfPage1)
  await page.getByTestId('flagged-pager').getByRole('link', { name: '← Newer' }).click()
  await expect(rows.first()).toHaveAttribute('data-event', firstOfPage1 ?? '')
}

test('team page: 25 flagged calls a page with the total and links to older ones', async ({ page }) => {
  const team = await prisma.team.findUniqueOrThrow({ where: { slug: 'search' } })
  const now = new Date()
  const total = await prisma.usageEvent.count({ where: { teamId: team.id, adviceRule: { not: null }, ts: { gte: new Date(now.getTime() - 30 * 86_400_000), lte: now } } })
  await loginAs(page, 'team_lead')
  await page.goto('/teams/search')
  await checkPaging(page, total)
})

test('advice page: the same paged table, filtered to a team', async ({ page }) => {
  await loginAs(page, 'finance')
  await page.goto('/advice?team=search')
  const text = await page.getByTestId('flagged-total').innerText()
  const total = Number(/of ([\d,]+) flagged/.exec(text)?.[1]?.replace(/,/g, '') ?? 'NaN')
  expect(total).toBeGreaterThan(0)
  await checkPaging(page, total)
})
