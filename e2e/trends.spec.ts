import { expect, test } from '@playwright/test'
import { datePresetRange } from '@/lib/reports/date-presets'
import { loginAs } from './helpers/login'

// Date presets on Spend, Advice and Reports; Spend grouped by day, week or month; month over month by
// team and by model on Spend and Reports; a model's price history as a step chart beside its table.

test('Spend: presets set the range, group by week or month, and month over month by team and model', async ({ page }) => {
  await loginAs(page, 'finance')
  await page.goto('/spend')
  const presets = page.getByRole('navigation', { name: 'Date presets' })
  for (const name of ['This month', 'Last month', 'Last 30 days', 'Last 90 days', 'Quarter to date', 'Year to date']) await expect(presets.getByRole('link', { name })).toBeVisible()
  await presets.getByRole('link', { name: 'Quarter to date' }).click()
  const q = datePresetRange('quarter', new Date())
  await expect(page).toHaveURL(new RegExp(`from=${q.from}&to=${q.to}`))
  await expect(presets.getByRole('link', { name: 'Quarter to date' })).toHaveAttribute('aria-current', 'page')

  await page.getByLabel('Group by').selectOption('week')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page).toHaveURL(/group=week/)
  await expect(page.getByTestId('daily-chart')).toContainText('Spend by model per week')
  await page.getByLabel('Group by').selectOption('month')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page.getByTestId('daily-chart')).toContainText('Spend by model per month')

  await expect(page.getByTestId('trend-by-model').locator('svg').first()).toBeVisible()
  await expect(page.getByTestId('trend-by-team').locator('svg').first()).toBeVisible()
  await expect(page.getByTestId('trend-by-team')).toContainText('search')
})

test('Advice and Reports offer the presets; Reports shows month over month', async ({ page }) => {
  await loginAs(page, 'finance')
  await page.goto('/advice')
  const advicePresets = page.getByRole('navigation', { name: 'Date presets' })
  await advicePresets.getByRole('link', { name: 'Year to date' }).click()
  await expect(page).toHaveURL(/period=year/)
  await expect(advicePresets.getByRole('link', { name: 'Year to date' })).toHaveAttribute('aria-current', 'page')
  await expect(page.getByTestId('section-flagged')).toBeVisible()

  await page.goto('/reports')
  const reportPresets = page.getByRole('navigation', { name: 'Date presets' })
  await reportPresets.getByRole('link', { name: 'This month' }).click()
  await expect(page).toHaveURL(new RegExp(`month=${new Date().toISOString().slice(0, 7)}`))
  await expect(page.getByTestId('trend-by-model').locator('svg').first()).toBeVisible()
  await expect(page.getByTestId('trend-by-team').locator('svg').first()).toBeVisible()
})

test('a model page draws its price history as a step chart beside the table', async ({ page }) => {
  await loginAs(page, 'engineer')
  await page.goto('/models/gpt-4o')
  const chart = page.getByTestId('price-step-chart')
  await expect(chart.locator('svg').first()).toBeVisible()
  await expect(chart.locator('div[role="img"]').first()).toHaveAttribute('aria-label', /price per 1M tokens over time/)
})
