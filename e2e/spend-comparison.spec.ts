import { expect, test } from '@playwright/test'
import { prisma } from '@/lib/db'
import { addUtcDays, toUtcDay, utcMonthOf } from '@/lib/time/utc-days'
import { loginAs } from './helpers/login'

// "Change vs …" sets a range against the equal-length period just before it (never one overlapping
// it), says which period that was, and marks one the data only partly covers. Budget burn and the
// month-end forecast say they are about the current month when another range is selected.

async function firstUsageDay(): Promise<string> {
  const rows = await prisma.$queryRaw<{ first: string }[]>`SELECT to_char(min(day), 'YYYY-MM-DD') AS first FROM rollups_daily`
  return rows[0]!.first
}

test('a range across months compares with the days just before it, not an overlapping month-shifted window', async ({ page }) => {
  await loginAs(page, 'finance')
  const to = toUtcDay(new Date())
  const from = addUtcDays(to, -29)
  await page.goto(`/spend?from=${from}&to=${to}`)
  await expect(page.getByText('Change vs the 30 days before')).toBeVisible()
  const period = page.getByTestId('spend-change-period')
  await expect(period).toContainText(`on ${addUtcDays(from, -30)} – ${addUtcDays(from, -1)}`)
})

test('a month whose comparison month the data starts inside is marked partly covered', async ({ page }) => {
  await loginAs(page, 'finance')
  const first = await firstUsageDay()
  test.skip(first.endsWith('-01'), 'the demo data starts on a month boundary')
  const firstMonth = utcMonthOf(new Date(`${first}T00:00:00Z`))
  const next = utcMonthOf(firstMonth.endsAt)
  await page.goto(`/spend?from=${next.firstDay}&to=${next.lastDay}`)
  await expect(page.getByText('Change vs the previous month')).toBeVisible()
  const period = page.getByTestId('spend-change-period')
  await expect(period).toHaveAttribute('data-coverage', 'partial')
  await expect(period).toContainText(`on ${firstMonth.firstDay} – ${firstMonth.lastDay} · partly covered: data starts ${first}`)
  // Budgets are about the current month, and say so when another month is selected.
  const month = utcMonthOf(new Date()).month
  await expect(page.getByText(`Month-end forecast · ${month} (current month)`)).toBeVisible()
  await expect(page.getByTestId('budget-burn')).toContainText('About the current month, not the selected range')
})
