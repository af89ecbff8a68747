import { expect, test, type Page } from '@playwright/test'
import { loginAs } from './helpers/login'

// Days read 2026-11-07 in the pickers as in the tables, whatever the browser's locale; a page says once
// which zone its times are in, and a person may read them in their own zone instead.

/** How often the visible text of the page's main area says "UTC". */
async function utcMentions(page: Page): Promise<number> {
  const text = await page.locator('main').innerText()
  return text.match(/\bUTC\b/g)?.length ?? 0
}

test.describe('in an en-US browser', () => {
  test.use({ locale: 'en-US' })

  test('the Spend date fields show and take ISO days, and say what is wrong with another format', async ({ page }) => {
    test.setTimeout(90_000)
    await loginAs(page, 'finance')
    await page.goto('/spend?from=2026-11-01&to=2026-11-07')
    const form = page.getByRole('form', { name: 'Spend filters' })
    // Fields by name: once one says what is wrong, that sentence is part of its label's text.
    const from = form.locator('input[name="from"]')
    // A text field displays its value as it is: Chromium's date field would show this one as 11/01/2026.
    expect(await from.evaluate((el: HTMLInputElement) => el.type)).toBe('text')
    await expect(from).toHaveValue('2026-11-01')
    await expect(from).toHaveAttribute('placeholder', 'YYYY-MM-DD')
    await expect(form.getByLabel('From', { exact: true })).toHaveValue('2026-11-01')

    // Typed as the tables write days, key by key, and sent as typed.
    await from.clear()
    await from.pressSequentially('2026-11-03')
    await expect(from).toHaveValue('2026-11-03')
    await form.getByRole('button', { name: 'Apply' }).click()
    await expect(page).toHaveURL(/from=2026-11-03/)
    await expect(page.getByTestId('spend-total')).toBeVisible()

    // The locale's own format is kept as typed, and the field says beside it what it needs.
    const to = form.locator('input[name="to"]')
    await to.clear()
    await to.pressSequentially('11/07/2026')
    await to.blur()
    await expect(form.getByTestId('date-problem')).toHaveText("Write the date as YYYY-MM-DD, e.g. 2026-11-07 (got '11/07/2026')")
    await expect(to).toHaveValue('11/07/2026')
    await expect(to).toHaveAttribute('aria-invalid', 'true')
    await to.clear()
    await to.pressSequentially('2026-11-07')
    await expect(form.getByTestId('date-problem')).toHaveCount(0)
  })
})

test('every page with dates says UTC once, in its header', async ({ page }) => {
  test.setTimeout(180_000) // eighteen pages, on a shared machine
  await loginAs(page, 'admin')
  const paths = [
    '/spend',
    '/advice',
    '/lineage',
    '/reports',
    '/teams',
    '/teams/search',
    '/models',
    '/models/gpt-4o',
    '/models/reprice',
    '/models/import',
    '/models/list-prices',
    '/reconciliation',
    '/connect',
    '/settings',
    '/settings/teams',
    '/settings/api-keys',
    '/settings/webhooks',
    '/settings/audit',
  ]
  for (const path of paths) {
    await page.goto(path)
    await expect(page.getByTestId('time-zone-note'), path).toHaveText(/Dates and times in UTC/)
    expect(await utcMentions(page), `"UTC" on ${path}`).toBe(1)
  }
})

test.describe('in Tokyo', () => {
  test.use({ timezoneId: 'Asia/Tokyo' })

  test('times switch to local time and back, and the choice holds on other pages', async ({ page }) => {
    test.setTimeout(90_000)
    await loginAs(page, 'admin')
    await page.goto('/models/gpt-4o')
    const time = page.locator('main time[datetime]').first()
    const iso = await time.getAttribute('datetime')
    expect(iso).toBeTruthy()
    const utc = new Date(iso ?? '').toISOString().slice(0, 16).replace('T', ' ')
    const tokyo = new Date(Date.parse(iso ?? '') + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') // no summer time in Tokyo
    await expect(time).toHaveText(utc)

    const note = page.getByTestId('time-zone-note')
    await note.getByRole('button', { name: 'Show local time' }).click()
    await expect(note).toContainText('Times in Asia/Tokyo (your local time)')
    await expect(time).toHaveText(tokyo)

    // Another page, loaded afresh, renders local time from the start.
    await page.goto('/settings/api-keys')
    await expect(page.getByTestId('time-zone-note')).toContainText('Asia/Tokyo')
    await page.goto('/models/gpt-4o')
    await expect(page.locator('main time[datetime]').first()).toHaveText(tokyo)

    await page.getByTestId('time-zone-note').getByRole('button', { name: 'Show UTC' }).click()
    await expect(page.locator('main time[datetime]').first()).toHaveText(utc)
    expect(await utcMentions(page)).toBe(1)
    await page.reload()
    await expect(page.getByTestId('time-zone-note')).toHaveText(/Dates and times in UTC/)
    await expect(page.locator('main time[datetime]').first()).toHaveText(utc)
  })
})
