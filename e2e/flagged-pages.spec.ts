import { randomBytes } from 'node:crypto'
import { expect, test, type Page } from '@playwright/test'
import { createApiKey } from '@/lib/auth/api-keys'
import { prisma } from '@/lib/db'
import { loginAs } from './helpers/login'

const DAY_MS = 86_400_000

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

/** The team page's window: the last 30 whole UTC days, today included. */
function last30UtcDays(now: Date): { gte: Date; lt: Date } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  return { gte: new Date(today - 29 * DAY_MS), lt: new Date(today + DAY_MS) }
}

test('team page: 25 flagged calls a page with the total and links to older ones', async ({ page }) => {
  const team = await prisma.team.findUniqueOrThrow({ where: { slug: 'search' } })
  const total = await prisma.usageEvent.count({ where: { teamId: team.id, adviceRule: { not: null }, ts: last30UtcDays(new Date()) } })
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

test('team page: the flagged-calls KPI and the table count the same calls over the same 30 UTC days', async ({ page, request }) => {
  const team = await prisma.team.create({ data: { slug: `flag-${randomBytes(4).toString('hex')}`, name: 'Flagged window e2e' } })
  const { key } = await createApiKey(prisma, { teamId: team.id, name: 'e2e', actor: { name: 'e2e' } })
  const now = Date.now()
  const window = last30UtcDays(new Date(now))
  // o1 on a classification is advised (a reasoning model on a simple task), so each call is flagged.
  const call = (id: string, at: number) => ({ id, timestamp: new Date(at).toISOString(), model: 'o1', task: 'classify', input_tokens: 100, output_tokens: 10 })
  const events = [
    call('first-day', window.gte.getTime() + 60_000),
    call('just-now', now - 60_000),
    // Less than 30 × 24 h ago, but on the 31st UTC day back: outside the window, on both.
    call('day-31', (now - 30 * DAY_MS + window.gte.getTime()) / 2),
  ]
  const res = await request.post('/api/v1/usage', { headers: { authorization: `Bearer ${key}` }, data: { events } })
  expect(res.status()).toBe(200)
  expect((await res.json()).accepted).toBe(3)
  await expect
    .poll(async () => Number((await prisma.rollupDaily.aggregate({ where: { teamId: team.id }, _sum: { flaggedCalls: true } }))._sum.flaggedCalls ?? 0), { timeout: 20_000 })
    .toBe(3)

  await loginAs(page, 'finance')
  await page.goto(`/teams/${team.slug}`)
  await expect(page.getByTestId('flagged-total')).toContainText('1–2 of 2 flagged calls')
  await expect(page.getByTestId('team-flagged-calls')).toHaveText('2')
  await expect(page.getByTestId('flagged-row')).toHaveCount(2)
  await expect(page.locator('[data-testid="flagged-row"][data-event="day-31"]')).toHaveCount(0)
})
