import { expect, test, type Page } from '@playwright/test'
import { loginAs, type DemoRole } from './helpers/login'

// A phone (390 px) and a desktop (1440 px): the page itself never scrolls sideways; content wider than
// its card (tables, the drawn trees) scrolls inside its own named, focusable region, which says so; the
// main navigation wraps so every item can be seen and reached.

const phone = { width: 390, height: 844 }

const pages: readonly { path: string; role: DemoRole }[] = [
  { path: '/spend', role: 'finance' },
  { path: '/advice', role: 'finance' },
  { path: '/teams/search', role: 'team_lead' },
  { path: '/reports', role: 'finance' },
  { path: '/lineage', role: 'finance' },
  { path: '/decision-tree', role: 'finance' },
]

async function documentOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number; widest: string }> {
  return page.evaluate(() => {
    const root = document.documentElement
    // The element reaching furthest right, to name the culprit when the page does scroll sideways.
    let widest = ''
    let right = root.clientWidth
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect().right + window.scrollX
      if (r > right) {
        right = r
        widest = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${String(el.getAttribute('class') ?? '').split(' ').slice(0, 3).join('.')} (${Math.round(r)} px)`
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest }
  })
}

/** Every element on the page that scrolls sideways (its content is wider than it), as a keyboard user meets it. */
async function sidewaysScrollers(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1)
      .map((el) => ({
        at: `${el.tagName.toLowerCase()}.${String(el.getAttribute('class') ?? '').split(' ').slice(0, 3).join('.')}`,
        role: el.getAttribute('role'),
        named: (el.getAttribute('aria-label') ?? '').trim() !== '',
        tabIndex: (el as HTMLElement).tabIndex,
        hint: /scroll sideways/i.test(el.previousElementSibling?.textContent ?? ''),
      })),
  )
}

async function expectNavInView(page: Page) {
  const nav = page.getByRole('navigation', { name: 'Main' })
  const links = nav.getByRole('link')
  expect(await links.count()).toBeGreaterThan(3)
  await expect(nav.locator('[aria-current="page"]')).toHaveCount(1)
  for (const link of await links.all()) {
    await expect(link).toBeVisible()
    const box = await link.boundingBox()
    expect(box, `${await link.innerText()} has a box`).not.toBeNull()
    // Inside the window, not clipped by a scrolled row: reachable without scrolling anything sideways.
    expect.soft(box!.x, `${await link.innerText()} starts on screen`).toBeGreaterThanOrEqual(0)
    expect.soft(box!.x + box!.width, `${await link.innerText()} ends on screen`).toBeLessThanOrEqual(phone.width)
  }
}

for (const role of [...new Set(pages.map((p) => p.role))]) {
  test(`390 px as ${role}: no page scrolls sideways, wide content scrolls in its own region, every nav item in view`, async ({ browser }) => {
    test.setTimeout(120_000)
    const context = await browser.newContext({ viewport: phone })
    const page = await context.newPage()
    await loginAs(page, role)
    for (const { path } of pages.filter((p) => p.role === role)) {
      await page.goto(path)
      await page.waitForLoadState('networkidle')
      const o = await documentOverflow(page)
      expect.soft(o.scrollWidth, `${path}: the document is ${o.scrollWidth} px wide in a ${o.clientWidth} px window; widest: ${o.widest}`).toBeLessThanOrEqual(o.clientWidth)
      await expectNavInView(page)
      await page.keyboard.press('Tab')
      await expect(page.getByRole('link', { name: 'Skip to main content' }), path).toBeFocused()

      // Whatever scrolls sideways is a named region a keyboard can reach, with the hint above it.
      for (const scroller of await sidewaysScrollers(page)) {
        expect.soft(scroller, `${path}: ${scroller.at} scrolls sideways`).toMatchObject({ role: 'region', named: true, tabIndex: 0, hint: true })
      }
    }
    await context.close()
  })
}

test('390 px: the lineage and decision trees scroll inside their cards, by keyboard too', async ({ browser }) => {
  const context = await browser.newContext({ viewport: phone })
  const page = await context.newPage()
  await loginAs(page, 'finance')
  for (const [path, name] of [
    ['/lineage', 'Model family tree'],
    ['/decision-tree', 'Decision tree drawing'],
  ] as const) {
    await page.goto(path)
    const region = page.getByRole('region', { name })
    await expect(region).toBeVisible()
    await expect(page.locator('[data-scroll-hint]').first()).toBeVisible()
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true)
    await region.focus()
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0)
  }
  await context.close()
})

test('1440 px: the lineage tree stays inside its card and scrolls there, saying so', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  await loginAs(page, 'finance')
  await page.goto('/lineage')
  const card = page.getByTestId('lineage-tree')
  const region = card.getByRole('region', { name: 'Model family tree' })
  await expect(region).toBeVisible()
  const [cardBox, regionBox] = [await card.boundingBox(), await region.boundingBox()]
  expect(regionBox!.x).toBeGreaterThanOrEqual(cardBox!.x)
  expect(regionBox!.x + regionBox!.width).toBeLessThanOrEqual(cardBox!.x + cardBox!.width)
  const { scrollWidth, clientWidth } = await region.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }))
  if (scrollWidth > clientWidth) {
    // Wider than the card: it scrolls in place, with the hint above it, and the last model can be reached.
    await expect(card.locator('[data-scroll-hint]')).toBeVisible()
    const last = card.locator('[data-kind="model"]').last()
    await expect(last).not.toBeInViewport()
    await region.focus()
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0)
    await region.evaluate((el) => el.scrollTo({ left: el.scrollWidth, behavior: 'instant' }))
    await expect(last).toBeInViewport()
    const lastBox = await last.boundingBox()
    expect(lastBox!.x + lastBox!.width).toBeLessThanOrEqual(regionBox!.x + regionBox!.width + 1)
  } else {
    await expect(card.locator('[data-scroll-hint]')).toHaveCount(0)
  }
  const o = await documentOverflow(page)
  expect(o.scrollWidth, `widest: ${o.widest}`).toBeLessThanOrEqual(o.clientWidth)
  await context.close()
})
