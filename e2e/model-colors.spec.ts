import { expect, test, type Locator } from '@playwright/test'
import { prisma } from '@/lib/db'
import { modelPalette } from '@/lib/catalog/model-colors'
import { loginAs } from './helpers/login'

// One colour per model on every chart: fixed by catalog order, so the same model keeps its colour on
// the Spend page, under a team filter and on the team page, and two models never share one.

async function legendColors(chart: Locator): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const item of await chart.locator('li').all()) {
    const name = (await item.locator('p').first().textContent())?.trim() ?? ''
    const cls = (await item.locator('svg').first().getAttribute('class')) ?? ''
    const color = /text-([a-z]+)-500/.exec(cls)?.[1]
    if (name && color) out.set(name, color)
  }
  return out
}

test('a model has the same catalog colour on Spend, under a filter and on the team page', async ({ page }) => {
  const catalog = await prisma.model.findMany({ select: { slug: true }, orderBy: { id: 'asc' } })
  const expected = new Map(catalog.map((m, i) => [m.slug, modelPalette[i % modelPalette.length]]))
  await loginAs(page, 'finance')

  await page.goto('/spend')
  await expect(page.getByTestId('daily-chart').locator('li').first()).toBeVisible()
  const all = await legendColors(page.getByTestId('daily-chart'))
  expect(all.size).toBeGreaterThan(1)
  const models = [...all].filter(([name]) => expected.has(name))
  expect(models.length).toBeGreaterThan(1)
  for (const [name, color] of models) expect(color, name).toBe(expected.get(name))
  // The palette's first round (the seeded catalog) has no two models alike; models added later (other
  // specs add some) reuse it in the same order.
  const firstRound = models.filter(([name]) => catalog.findIndex((m) => m.slug === name) < modelPalette.length)
  expect(firstRound.length).toBeGreaterThan(1)
  expect(new Set(firstRound.map(([, c]) => c)).size).toBe(firstRound.length)

  await page.goto('/spend?team=support')
  await expect(page.getByTestId('daily-chart').locator('li').first()).toBeVisible()
  for (const [name, color] of await legendColors(page.getByTestId('daily-chart'))) if (expected.has(name)) expect(color, `support: ${name}`).toBe(expected.get(name))

  await page.goto('/teams/search')
  await expect(page.getByTestId('team-daily').locator('li').first()).toBeVisible()
  for (const [name, color] of await legendColors(page.getByTestId('team-daily'))) if (expected.has(name)) expect(color, `team page: ${name}`).toBe(expected.get(name))
})
