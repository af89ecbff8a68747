import { expect, test, type Page } from '@playwright/test'
import OpenAI from 'openai'
import { randomBytes } from 'node:crypto'
import { createApiKey } from '@/lib/auth/api-keys'
import { prisma } from '@/lib/db'
import { ModelLedger, wrapOpenAI } from '../sdk/src/index'
import { startFakeProvider } from '../sdk/test/fake-provider'
import { loginAs } from './helpers/login'

const snippet = async (page: Page, id: string) => (await page.locator(`#example-${id}-code`).textContent()) ?? ''

/** One wrapped OpenAI call, recorded by the SDK into `teamId`'s ledger through the running app. */
async function recordOneCallWithTheSdk(baseURL: string, teamId: number): Promise<void> {
  const { key } = await createApiKey(prisma, { teamId, name: `sdk-${randomBytes(4).toString('hex')}`, actor: { name: 'e2e' } })
  const provider = await startFakeProvider()
  try {
    const ledger = new ModelLedger({ apiKey: key, baseUrl: baseURL })
    const openai = wrapOpenAI(new OpenAI({ apiKey: 'sk-test', baseURL: `${provider.url}/v1`, maxRetries: 0 }), ledger)
    await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })
    expect(await ledger.shutdown()).toMatchObject({ accepted: 1, pending: 0 })
  } finally {
    await provider.close()
  }
}

test('engineer: set-up snippets for team search, and the SDK’s first event shows up live', async ({ page, baseURL }) => {
  await loginAs(page, 'engineer')
  await page.getByRole('navigation').getByRole('link', { name: 'Connect' }).click()
  await expect(page).toHaveURL(/\/connect$/)
  await expect(page.getByRole('heading', { name: 'Connect', exact: true })).toBeVisible()
  await expect(page.getByTestId('connect-team')).toHaveText('search')
  await expect(page.getByTestId('create-key-link')).toHaveAttribute('href', '/teams/search')

  expect(await snippet(page, 'sdk-wrap')).toContain(`baseUrl: '${baseURL}'`)
  expect(await snippet(page, 'sdk-wrap')).toContain('a key of team search')
  const env = await snippet(page, 'otel-env-vars')
  expect(env).toContain(`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=${baseURL}/api/v1/otlp/v1/traces`)
  expect(env).toContain('OTEL_EXPORTER_OTLP_TRACES_HEADERS="Authorization=Bearer%20ml_…"')
  const litellm = await snippet(page, 'litellm-config')
  expect(litellm).toContain('callback_type: generic_api')
  expect(litellm).toContain(`endpoint: ${baseURL}/api/v1/integrations/litellm`)
  expect(litellm).toMatch(/log_format: json_array/)
  expect(await snippet(page, 'usage-curl')).toContain(`curl -sS -X POST '${baseURL}/api/v1/usage'`)
  for (const source of ['sdk', 'otlp', 'litellm', 'api']) await expect(page.getByTestId(`last-received-${source}`)).toBeVisible()
  await expect(page.getByTestId('last-received').getByRole('columnheader', { name: 'Team' })).toHaveCount(0) // own team only

  // The page is left open: the new batch must appear by itself (it refreshes every 5 s).
  const search = await prisma.team.findUniqueOrThrow({ where: { slug: 'search' } })
  const before = new Date()
  await recordOneCallWithTheSdk(baseURL!, search.id)
  const sdkRow = page.getByTestId('last-received-sdk')
  await expect(async () => {
    const at = await sdkRow.locator('time').getAttribute('datetime')
    expect(at && Date.parse(at) >= before.getTime() - 1000).toBe(true)
  }).toPass({ timeout: 20_000 })
  await expect(sdkRow).toContainText(/\d+ s ago/)
  await expect(sdkRow.getByRole('cell').nth(1)).toHaveText('1')

  await page.screenshot({ path: test.info().outputPath('connect-engineer-1280.png'), fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await expect(page.getByRole('heading', { name: 'TypeScript SDK' })).toBeVisible()
})

test('finance (no team): placeholders, a link to Teams, and the newest batch of any team with its slug', async ({ page, baseURL }) => {
  const team = await prisma.team.create({ data: { slug: `connect-${randomBytes(4).toString('hex')}`, name: 'Connect e2e' } })
  await recordOneCallWithTheSdk(baseURL!, team.id)

  await loginAs(page, 'finance')
  await page.goto('/connect')
  await expect(page.getByTestId('connect-key')).toContainText('You are not in a team')
  await expect(page.getByTestId('create-key-link')).toHaveAttribute('href', '/teams')
  expect(await snippet(page, 'sdk-wrap')).toContain('a team API key')
  await expect(page.getByTestId('last-received').getByRole('columnheader', { name: 'Team' })).toBeVisible()
  await expect(page.getByTestId('last-received-sdk')).toContainText(team.slug)
})
