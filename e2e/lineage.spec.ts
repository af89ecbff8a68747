import { expect, test, type Page } from '@playwright/test'
import { formatCount, formatUsd } from '@/components/ui/format'
import { prisma } from '@/lib/db'
import { defaultLineageFrom } from '@/lib/lineage/lineage-period'
import { Decimal } from '@/lib/pricing/decimal'
import { toUtcDay } from '@/lib/time/utc-days'
import { loginAs } from './helpers/login'

// The Lineage page against the rollups, summed here independently: each model node's spend, calls and
// share for the period and the reader's scope; the Part 6 shares per month; a node opens its model page.

type Sum = { cost: string | null; calls: bigint }

async function modelSpend(from: string, to: string, team: string | null): Promise<Map<string, Sum>> {
  const rows = await prisma.$queryRawUnsafe<Array<{ model_key: string; cost: string | null; calls: bigint }>>(
    `SELECT r.model_key, sum(r.cost)::text AS cost, sum(r.calls)::bigint AS calls
       FROM rollups_daily r JOIN teams t ON t.id = r.team_id
      WHERE r.day BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR t.slug = $3)
      GROUP BY 1`,
    from,
    to,
    team,
  )
  return new Map(rows.map((r) => [r.model_key, { cost: r.cost, calls: r.calls }]))
}

const node = (page: Page, slug: string) => page.locator(`[data-testid="lineage-svg"] a[data-slug="${slug}"]`)

function share(part: string, whole: Decimal): string {
  return new Decimal(part).times(100).dividedBy(whole).toDecimalPlaces(1).toFixed(1)
}

async function expectNode(page: Page, slug: string, sums: Map<string, Sum>) {
  const total = [...sums.values()].reduce((t, s) => t.plus(s.cost ?? 0), new Decimal(0))
  const own = sums.get(slug)
  expect(own, `${slug} has usage in the demo data`).toBeDefined()
  if (!own?.cost) throw new Error(`${slug} has no priced spend`)
  const n = node(page, slug)
  await expect(n).toHaveAttribute('data-calls', String(own.calls))
  await expect(n).toContainText(formatUsd(own.cost))
  await expect(n).toContainText(`${formatCount(own.calls)} calls`)
  await expect(n).toContainText(`${share(own.cost, total)}%`)
}

test('finance: every model node shows the organisation’s spend, calls and share; a node opens its model page', async ({ page }) => {
  test.setTimeout(90_000)
  await loginAs(page, 'finance')
  await page.goto('/spend')
  await page.getByRole('navigation').getByRole('link', { name: 'Lineage' }).click()
  await expect(page.getByRole('heading', { name: 'Lineage', exact: true })).toBeVisible()

  const now = new Date()
  const sums = await modelSpend(defaultLineageFrom(now), toUtcDay(now), null)
  for (const slug of ['gpt-4o', 'o1', 'deepseek-v3', 'claude-3-5-sonnet']) await expectNode(page, slug, sums)
  // Lines and routes from the document: OpenAI closed, DeepSeek under "other open", routes on the nodes.
  await expect(page.locator('[data-node="line:openai"]')).toContainText('OpenAI line (closed)')
  await expect(page.locator('[data-node="family:open-other:DeepSeek"]')).toBeVisible()
  await expect(node(page, 'deepseek-v3')).toContainText('MoE route')
  await expect(node(page, 'o1')).toContainText('Reasoning route')
  await expect(node(page, 'gpt-4o')).toContainText('$5.00 / $5.00 per 1M')

  // Part 6: o1's price history and a month's MoE share, recomputed here.
  await expect(page.getByTestId('reasoning-table')).toContainText('o1')
  await expect(page.getByTestId('reasoning-table')).toContainText('$20.00')
  const month = toUtcDay(now).slice(0, 7)
  const thisMonth = await modelSpend(`${month}-01`, toUtcDay(now), null)
  const priced = ['gpt-4o', 'o1', 'deepseek-v3', 'deepseek-r1', 'claude-3-5-sonnet', 'llama-3.1-70b', 'code-llama', 'llama-3.1-405b', 'mixtral', 'grok-2', 'mistral-large', 'phi-3', 'gemma-2-2b', 'qwen2-0.5b']
  const catalogTotal = priced.reduce((t, s) => t.plus(thisMonth.get(s)?.cost ?? 0), new Decimal(0))
  const moe = ['deepseek-v3', 'mixtral', 'grok-2'].reduce((t, s) => t.plus(thisMonth.get(s)?.cost ?? 0), new Decimal(0))
  await expect(page.getByTestId('moe-table').locator('tr', { hasText: month })).toContainText(`${share(moe.toFixed(), catalogTotal)}%`)

  await node(page, 'o1').click()
  await expect(page).toHaveURL(/\/models\/o1$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('o1')
})

test("engineer: the tree shows their own team's numbers, and a bad period keeps the form with the error", async ({ page }) => {
  await loginAs(page, 'engineer')
  await page.goto('/lineage?from=2026-10-01&to=2026-12-31')
  await expect(page.getByTestId('period-error')).toHaveCount(0)
  const sums = await modelSpend('2026-10-01', '2026-12-31', 'search')
  await expectNode(page, 'gpt-4o', sums)
  const all = await modelSpend('2026-10-01', '2026-12-31', null)
  expect(all.get('gpt-4o')?.calls).not.toBe(sums.get('gpt-4o')?.calls)
  await expect(page.getByTestId('lineage-tree')).toContainText('team search')

  await page.getByLabel('From', { exact: true }).fill('2026-11-31')
  await page.getByRole('button', { name: 'Show', exact: true }).click()
  await expect(page.getByTestId('period-error')).toContainText("from must be a real calendar day as YYYY-MM-DD (got '2026-11-31')")
  await expect(page.getByLabel('From', { exact: true })).toHaveValue('2026-11-31')
  await expect(page.getByLabel('From', { exact: true })).toHaveAttribute('aria-invalid', 'true')
})
