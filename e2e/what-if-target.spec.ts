import { expect, test } from '@playwright/test'
import { formatUsd } from '@/components/ui/format'
import { describePolicyImpact } from '@/lib/advisor/describe-policy-impact'
import { whatIf } from '@/lib/advisor/what-if'
import { whatIfWindow } from '@/lib/advisor/advice-windows'
import { pool, prisma } from '@/lib/db'
import { getTeamPolicy } from '@/lib/policy/get-team-policy'
import { validateTeamPolicyInput } from '@/lib/policy/validate-team-policy-input'
import { Decimal } from '@/lib/pricing/decimal'
import { loginAs } from './helpers/login'
import { blockInDraft, searchTeam } from './helpers/team-policy'

// Issue 18 item 7: "blocking gpt-4o affects 64% of Search's calls; moving them to X would change spend by
// $Y" — X picked by the reader, in the policy editor's preview and on the what-if tab, priced at X.

const TARGET = 'claude-3-5-sonnet'

test('team lead: the draft preview moves blocked gpt-4o calls to the model picked, priced there', async ({ page }) => {
  test.setTimeout(120_000)
  const team = await searchTeam()
  const saved = await getTeamPolicy(prisma, team.id)
  await loginAs(page, 'team_lead')
  await page.goto('/teams/search')

  await blockInDraft(page, 'gpt-4o')
  await page.getByLabel('Preview moving affected calls to').selectOption(TARGET)
  const started = new Date()
  await page.getByRole('button', { name: 'Preview impact' }).click()
  const impact = page.getByTestId('policy-impact')
  await expect(impact).toBeVisible({ timeout: 60_000 })
  const ended = new Date()
  await expect(impact.locator('p').first()).toContainText(`(to ${TARGET} wherever the draft permits it)`)

  const line = impact.locator('[data-testid="impact-line"][data-rule="policy.blocked-model"][data-model="gpt-4o"]')
  await expect(line).toContainText(`; moving them to ${TARGET} would change spend by `)
  const shownChange = (await line.getAttribute('data-change')) ?? ''
  const shownCalls = Number(await line.getAttribute('data-calls'))
  expect(shownCalls).toBeGreaterThan(0)
  await expect(line).toContainText(`would change spend by ${formatUsd(shownChange, { signed: true })}`)

  // The same replay through lib/, for the draft the form sent, at the window's two possible ends: the
  // action ran in between, so its figures are these (or between them if a call sat on the edge).
  const { teamId: _t, version: _v, createdById: _c, createdAt: _a, ...rest } = saved!
  const draft = await validateTeamPolicyInput(prisma, { ...rest, blockedModels: [...new Set([...rest.blockedModels, 'gpt-4o'])] })
  const lineAt = async (now: Date) => {
    const report = await whatIf(pool, { teams: [team.id], days: 30, mode: { kind: 'policy', policy: draft }, target: TARGET, now })
    return describePolicyImpact(report).lines.find((l) => l.rule === 'policy.blocked-model' && l.fromModel === 'gpt-4o')!
  }
  const [early, late] = [await lineAt(started), await lineAt(ended)]
  expect(early.toModels).toEqual([{ model: TARGET, calls: early.calls }])
  const changes = [new Decimal(early.spendChange), new Decimal(late.spendChange)]
  expect(new Decimal(shownChange).gte(Decimal.min(...changes)) && new Decimal(shownChange).lte(Decimal.max(...changes))).toBe(true)
  expect(shownCalls).toBeGreaterThanOrEqual(Math.min(early.calls, late.calls))
  expect(shownCalls).toBeLessThanOrEqual(Math.max(early.calls, late.calls))

  // Picked apart from the suggestion: "as the policy suggests" moves them elsewhere, for another sum.
  const suggested = describePolicyImpact(await whatIf(pool, { teams: [team.id], days: 30, mode: { kind: 'policy', policy: draft }, now: ended })).lines.find(
    (l) => l.rule === 'policy.blocked-model' && l.fromModel === 'gpt-4o',
  )!
  expect(suggested.toModels.map((t) => t.model)).not.toContain(TARGET)
  expect(suggested.spendChange).not.toBe(late.spendChange)
})

test('what-if tab: a target model, its exact saving; a target without a price reads unknown; an unknown one is refused', async ({ page }) => {
  test.setTimeout(120_000)
  const team = await searchTeam()
  await loginAs(page, 'finance')
  await page.goto('/advice?tab=what-if')
  const form = page.getByTestId('what-if-form')
  await form.locator('select[name="wi_team"]').selectOption('search')
  await form.getByLabel('30 days').check()
  await form.getByLabel('A proposed policy (below)').check()
  const blocked = form.getByTestId('picker-wi_blocked')
  await blocked.getByRole('searchbox').fill('gpt-4o')
  await blocked.getByRole('checkbox').and(page.locator('[value="gpt-4o"]')).check()
  await form.getByLabel('Move the affected calls to').selectOption(TARGET)
  await form.getByRole('button', { name: 'Run what-if' }).click()
  const results = page.getByTestId('what-if-results')
  await expect(results).toBeVisible({ timeout: 60_000 })
  await expect(page).toHaveURL(new RegExp(`wi_target=${TARGET}`))
  await expect(results).toContainText(`its moved calls sent to ${TARGET} wherever the policy permits it`)

  // Exact: the window is whole UTC days, so lib/ replays the very same calls.
  const policy = await validateTeamPolicyInput(prisma, { blockedModels: ['gpt-4o'] })
  const report = await whatIf(pool, { teams: [team.id], days: 30, mode: { kind: 'policy', policy }, target: TARGET, now: whatIfWindow(30, new Date()).end })
  const move = report.moves.find((m) => m.from_model === 'gpt-4o' && m.rule === 'policy.blocked-model')!
  expect(move.to_model).toBe(TARGET)
  const row = page.locator(`tr[data-from-model="gpt-4o"][data-to-model="${TARGET}"][data-rule="policy.blocked-model"]`)
  await expect(row).toHaveAttribute('data-saving', move.saving)
  await expect(row).toContainText(formatUsd(move.cost_after))
  await expect(page.getByTestId('what-if-after')).toHaveText(formatUsd(report.totals.spend_after))
  await expect(page.getByTestId('what-if-difference')).toContainText(formatUsd(new Decimal(report.totals.spend_before).minus(report.totals.spend_after).abs().toFixed()))

  // A catalog model with no price: the moved calls' cost there is unknown, never $0.
  let unpriced = await prisma.model.findFirst({ where: { priceVersions: { none: {} } }, orderBy: { slug: 'asc' } })
  const created = unpriced === null
  unpriced ??= await prisma.model.create({ data: { slug: `e2e-unpriced-${Date.now()}`, displayName: 'E2E unpriced', provider: 'test', family: 'Test', route: 'dense', deployment: 'closed_api' } })
  try {
    const url = `/advice?wi=1&wi_team=search&wi_days=30&wi_mode=policy&wi_blocked=gpt-4o&wi_target=${unpriced.slug}`
    // A model added just now reaches the app's catalog cache within seconds.
    await expect(async () => {
      await page.goto(url)
      await expect(page.getByTestId('what-if-target-unpriced')).toBeVisible({ timeout: 5_000 })
    }).toPass({ timeout: 60_000 })
    await expect(page.getByTestId('what-if-target-unpriced')).toContainText(`${unpriced.slug} has no price in force for`)
    await expect(page.getByTestId('what-if-target-unpriced')).toContainText('their cost there is unknown, not zero')
    const unpricedRow = page.locator(`tr[data-from-model="gpt-4o"][data-to-model="${unpriced.slug}"]`)
    await expect(unpricedRow.locator('td').nth(5)).toHaveText('unknown')
  } finally {
    if (created) await prisma.model.delete({ where: { id: unpriced.id } })
  }

  // A slug that is no model: said beside the field, no results.
  await page.goto('/advice?wi=1&wi_team=search&wi_days=30&wi_mode=policy&wi_blocked=gpt-4o&wi_target=no-such-model')
  await expect(page.getByTestId('what-if-errors')).toContainText("Move calls to: 'no-such-model' is not a model in the catalog; pick one from the list.")
  await expect(page.locator('select[name="wi_target"]')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.locator('#wi-target-error')).toHaveText("Move calls to: 'no-such-model' is not a model in the catalog; pick one from the list.")
  await expect(page.getByTestId('what-if-results')).toHaveCount(0)
})
