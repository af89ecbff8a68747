import { expect, test } from '@playwright/test'
import { loginAs } from './helpers/login'

// The source document is Chinese, the UI English: citations, quoted recommendations and Part 7's
// headlines read in English, with the original on hover (title) and a click away, in a CJK font stack.

test('decision tree: headline and citations in English, the original on hover and expand', async ({ page }) => {
  await loginAs(page, 'engineer')
  await page.goto('/decision-tree')
  const paths = page.getByTestId('all-paths')
  await expect(paths.getByTestId('cited-section').first().locator('cite')).toHaveText(/^Part 7 · Quick decision tree · \d️⃣( yes| no)?$/)

  // Not mobile → budget not unlimited → … → the local-GPU leaf, by its link.
  await paths.getByRole('link', { name: /Llama 3\.1 70B/ }).first().click()
  const headline = page.getByTestId('leaf-headline')
  await expect(headline).toContainText('Llama 3.1 70B (open source, self-hosted)')
  const original = headline.getByTestId('original')
  await expect(original.locator('[lang="zh"]')).toBeHidden()
  await original.getByText('original').click()
  await expect(original.locator('[lang="zh"]')).toBeVisible()
  await expect(original.locator('[lang="zh"]')).toHaveText('Llama 3.1 70B（开源本地部署）')

  const cite = page.getByTestId('leaf-result').getByTestId('citation').first().locator('cite')
  await expect(cite).toHaveText(/^Part 7 · Quick decision tree · /)
  await expect(cite).toHaveAttribute('title', /^第七部分 · 快速决策树 · /)

  const fonts = await original.locator('[lang="zh"]').evaluate((el) => getComputedStyle(el).fontFamily)
  expect(fonts).toContain('Noto Sans CJK SC')
})

test('advice: a quoted recommendation reads in English with the original beside it', async ({ page }) => {
  await loginAs(page, 'finance')
  await page.goto('/advice?rule=doc.o1-for-internal-tools')
  const row = page.getByTestId('flagged-row').first()
  const quote = row.getByTestId('doc-quote')
  await expect(quote.locator('q')).toHaveText('Internal tools (staff collaboration) → R1')
  await expect(quote.locator('q')).toHaveAttribute('title', '如果是内部工具（员工协作）→ R1')
  await quote.getByText('original').click()
  await expect(quote.locator('[lang="zh"]')).toBeVisible()
  await expect(row.locator('[data-cell="citation"] cite')).toHaveText('Part 5 · Each model’s killer feature · o1 vs DeepSeek-R1 · Recommendation')
})
