import { expect, test, type Page } from '@playwright/test'
import { formatPerMillion, formatUsd } from '@/components/ui/format'
import { prisma } from '@/lib/db'
import { Decimal } from '@/lib/pricing/decimal'
import { loginAs, type DemoRole } from './helpers/login'

// The Part 7 walk over real links, the live price of the version in force (read from the DB here, not
// restated), and an estimate for a typed volume computed independently in the spec.

async function priceInForce(slug: string) {
  const now = new Date()
  const model = await prisma.model.findUniqueOrThrow({
    where: { slug },
    include: {
      priceVersions: { where: { effectiveFrom: { lte: now }, OR: [{ effectiveTo: null }, { effectiveTo: { gt: now } }] }, orderBy: { effectiveFrom: 'desc' }, take: 1 },
    },
  })
  const v = model.priceVersions[0]
  if (!v) throw new Error(`${slug} has no price in force`)
  return { input: new Decimal(v.input.toString()), output: new Decimal(v.output.toString()) }
}

/** requests × (in × input rate + out × output rate) ÷ 1M, in exact decimals. */
function expectedMonthly(requests: number, inTokens: number, outTokens: number, p: { input: Decimal; output: Decimal }): Decimal {
  return new Decimal(requests).times(new Decimal(inTokens).times(p.input).plus(new Decimal(outTokens).times(p.output))).dividedBy(1_000_000)
}

const question = (page: Page) => page.getByTestId('current-question')

test('walk the tree to two leaves, with back, live prices, an exact estimate and the drawn path', async ({ page }, testInfo) => {
  test.setTimeout(120_000)
  await loginAs(page, 'engineer')
  await page.goto('/decision-tree')
  await expect(question(page)).toHaveAttribute('data-question', 'q6')
  await expect(question(page).getByTestId('citation')).toContainText('Part 7 · Quick decision tree')

  // Not mobile → "is the budget unlimited?"; answer no, then go back and answer yes.
  await page.getByTestId('answer-no').click()
  await expect(question(page)).toHaveAttribute('data-question', 'q1')
  await page.getByTestId('answer-no').click()
  await expect(question(page)).toHaveAttribute('data-question', 'q3')
  await page.getByTestId('walk-back').click()
  await expect(question(page)).toHaveAttribute('data-question', 'q1')
  await expect(page.getByTestId('breadcrumb').locator('[data-step]')).toHaveCount(1)
  await page.getByTestId('answer-yes').click()
  await expect(question(page)).toHaveAttribute('data-question', 'q2')
  await page.getByTestId('answer-yes').click()

  const leaf = page.getByTestId('reached-leaf')
  await expect(leaf).toHaveAttribute('data-leaf', 'max-performance')
  expect(new URL(page.url()).searchParams.get('a')).toBe('no,yes,yes')
  await expect(page.getByTestId('breadcrumb').locator('[data-step]')).toHaveCount(3)
  await expect(page.getByTestId('leaf-result').getByTestId('citation').first()).toContainText('2️⃣ yes')

  // Live prices: the table shows the version in force in the database.
  const gpt4o = await priceInForce('gpt-4o')
  const o1 = await priceInForce('o1')
  const prices = page.getByTestId('leaf-prices')
  const gptRow = prices.locator('tr[data-model="gpt-4o"]')
  await expect(gptRow).toHaveAttribute('data-role', 'recommended')
  await expect(gptRow.locator('[data-cell="input"]')).toHaveText(formatPerMillion(gpt4o.input))
  await expect(gptRow.locator('[data-cell="output"]')).toHaveText(formatPerMillion(gpt4o.output))
  await expect(prices.locator('tr[data-model="o1"] [data-cell="input"]')).toHaveText(formatPerMillion(o1.input))
  await expect(prices.locator('tr[data-role="alternative"]').first()).toBeVisible()

  // Type a volume; the estimate is exact.
  const form = page.getByTestId('volume-form').first()
  await form.getByLabel('Requests per month').fill('250000')
  await form.getByLabel('Input tokens / request').fill('1234')
  await form.getByLabel('Output tokens / request').fill('567')
  await form.getByRole('button', { name: 'Estimate' }).click()
  await expect(page).toHaveURL(/req=250000/)
  await expect(page.getByTestId('reached-leaf')).toHaveAttribute('data-leaf', 'max-performance')
  const gptMonthly = expectedMonthly(250_000, 1234, 567, gpt4o)
  const o1Monthly = expectedMonthly(250_000, 1234, 567, o1)
  await expect(gptRow.locator('[data-cell="monthly"]')).toHaveAttribute('data-exact', gptMonthly.toFixed())
  await expect(gptRow.locator('[data-cell="monthly"]')).toHaveText(formatUsd(gptMonthly.toFixed()))
  await expect(prices.locator('tr[data-model="o1"] [data-cell="monthly"]')).toHaveAttribute('data-exact', o1Monthly.toFixed())

  // The drawn tree: server-rendered SVG with the walked path highlighted.
  const svg = page.getByTestId('decision-tree-svg')
  await expect(svg).toBeVisible()
  await expect(svg.locator('[data-edge][data-highlighted="true"]')).toHaveCount(3)
  for (const edge of ['q6-no', 'q1-yes', 'q2-yes']) await expect(svg.locator(`[data-edge="${edge}"]`)).toHaveAttribute('data-highlighted', 'true')
  await expect(svg.locator('[data-node="max-performance"]')).toHaveAttribute('data-current', 'true')
  await expect(svg.locator('[data-node="long-context"]')).toHaveAttribute('data-highlighted', 'false')
  await page.screenshot({ path: testInfo.outputPath('decision-tree-gpt4o-o1.png'), fullPage: true })

  // The CSV of the same view carries the exact estimate.
  const csv = await page.request.get(`/decision-tree/export?a=no,yes,yes&req=250000&in=1234&out=567`)
  expect(csv.status()).toBe(200)
  expect(csv.headers()['content-type']).toContain('text/csv')
  expect(await csv.text()).toContain(`,${gptMonthly.toFixed()}\r\n`)

  // Second leaf: limited budget → under $100 → data must stay local → GPUs → Llama 3.1 70B.
  await page.getByRole('link', { name: 'Start over' }).click()
  await expect(question(page)).toHaveAttribute('data-question', 'q6')
  for (const [answer, next] of [['no', 'q1'], ['no', 'q3'], ['yes', 'q4'], ['yes', 'q5']] as const) {
    await page.getByTestId(`answer-${answer}`).click()
    await expect(question(page)).toHaveAttribute('data-question', next)
  }
  await page.getByTestId('answer-yes').click()
  await expect(page.getByTestId('reached-leaf')).toHaveAttribute('data-leaf', 'local-gpu')
  expect(new URL(page.url()).searchParams.get('req')).toBe('250000')
  const llama = await priceInForce('llama-3.1-70b')
  const llamaRow = page.getByTestId('leaf-prices').locator('tr[data-model="llama-3.1-70b"]')
  await expect(llamaRow).toHaveAttribute('data-role', 'recommended')
  await expect(llamaRow).toContainText('Llama 3.1 70B')
  await expect(llamaRow.locator('[data-cell="input"]')).toHaveText(formatPerMillion(llama.input))
  await expect(llamaRow.locator('[data-cell="monthly"]')).toHaveAttribute('data-exact', expectedMonthly(250_000, 1234, 567, llama).toFixed())
  await expect(page.getByTestId('leaf-result').getByTestId('citation').first()).toContainText('5️⃣ yes')
  await expect(svg.locator('[data-edge][data-highlighted="true"]')).toHaveCount(5)
  await expect(svg.locator('[data-node="local-gpu"]')).toHaveAttribute('data-current', 'true')
  await page.screenshot({ path: testInfo.outputPath('decision-tree-llama-70b.png'), fullPage: true })

  // The questionnaire tab: A–F with the same live prices.
  await page.getByRole('link', { name: /Questionnaire A–F/ }).click()
  await expect(page.getByTestId('questionnaire').locator('[data-answer]')).toHaveCount(6)
  await expect(page.locator('[data-testid="answer-A-prices"] tr[data-model="gpt-4o"] [data-cell="input"]')).toHaveText(formatPerMillion(gpt4o.input))
  await expect(page.locator('[data-testid="answer-A-prices"] tr[data-model="gpt-4o"] [data-cell="monthly"]')).toHaveAttribute('data-exact', gptMonthly.toFixed())
  await page.screenshot({ path: testInfo.outputPath('decision-tree-questionnaire.png'), fullPage: true })
})

test('a bad volume is refused next to the form, not a 500', async ({ page }) => {
  await loginAs(page, 'team_lead')
  const res = await page.goto('/decision-tree?a=no,yes,yes&req=abc&out=99999999999')
  expect(res?.status()).toBe(200)
  await expect(page.getByTestId('volume-errors')).toContainText('Requests per month must be a whole number')
  await expect(page.getByTestId('volume-errors')).toContainText('Output tokens per request must be between')
  await expect(page.getByTestId('reached-leaf')).toHaveAttribute('data-leaf', 'max-performance')
})

for (const role of ['admin', 'finance', 'team_lead'] as DemoRole[]) {
  test(`the decision tree opens for ${role}`, async ({ page }, testInfo) => {
    await loginAs(page, role)
    await page.goto('/decision-tree?a=no,no,no')
    await expect(page.getByTestId('reached-leaf')).toHaveAttribute('data-leaf', 'low-cost-at-scale')
    await expect(page.getByTestId('decision-tree-svg')).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath(`decision-tree-${role}.png`), fullPage: true })
  })
}
