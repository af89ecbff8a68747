import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { loginAs, type DemoRole } from './helpers/login'

// WCAG 2.2 AA, checked by axe-core in Chromium on every page as each role sees it (their 403 pages
// included): no serious or critical violation. Also: a skip link to the content, one current nav item.

const pages = [
  '/spend',
  '/spend?from=2026-11-20&to=2026-11-10',
  '/advice',
  '/teams',
  '/teams/search',
  '/models',
  '/models/gpt-4o',
  '/models/import',
  '/models/reprice',
  '/models/list-prices',
  '/reports',
  '/reconciliation',
  '/decision-tree',
  '/lineage',
  '/connect',
  '/docs/api',
  '/settings',
  '/settings/teams',
  '/settings/api-keys',
  '/settings/webhooks',
  '/settings/audit',
  '/no-such-page',
]

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n')[1] ?? ''}`).join(' | ')}`)
}

test('the login page has no serious or critical violations', async ({ page }) => {
  await page.goto('/login')
  expect(await seriousViolations(page)).toEqual([])
})

for (const role of ['admin', 'finance', 'team_lead', 'engineer'] as const satisfies readonly DemoRole[]) {
  test(`every page as ${role}: no serious or critical axe violations, a skip link, one current nav item`, async ({ page }) => {
    test.setTimeout(300_000)
    await loginAs(page, role)
    const found: string[] = []
    for (const path of pages) {
      await page.goto(path)
      await page.waitForLoadState('networkidle')
      found.push(...(await seriousViolations(page)).map((v) => `${path}: ${v}`))
      if (path === '/spend') {
        await page.keyboard.press('Tab')
        const skip = page.getByRole('link', { name: 'Skip to main content' })
        await expect(skip).toBeFocused()
        await expect(page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]')).toHaveCount(1)
      }
    }
    expect(found).toEqual([])
  })
}

test('settings pages mark one nav item current, and the favicon is served', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto('/settings/audit')
  await expect(page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]')).toHaveCount(1)
  await expect(page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]')).toHaveText('Audit log')
  const icon = await page.locator('link[rel="icon"]').first().getAttribute('href')
  expect(icon).toBeTruthy()
  expect((await page.request.get(icon!)).status()).toBe(200)
})

test('the queue board loads no network fonts', async ({ page }) => {
  const external: string[] = []
  page.on('request', (r) => {
    if (!r.url().startsWith('http://localhost')) external.push(r.url())
  })
  await loginAs(page, 'admin')
  await page.goto('/admin/queues')
  await page.waitForLoadState('networkidle')
  expect(external).toEqual([])
  expect(await page.content()).not.toContain('fonts.googleapis.com')
})
