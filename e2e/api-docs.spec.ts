import { expect, test, type Page } from '@playwright/test'
import { Prisma } from '@prisma/client'
import { randomBytes } from 'node:crypto'
import { createApiKey, revokeApiKey } from '@/lib/auth/api-keys'
import { prisma } from '@/lib/db'
import { buildOpenApiDocument } from '@/lib/openapi/build-openapi-document'
import { loginAs } from './helpers/login'

const hex = () => randomBytes(4).toString('hex')

type Curl = { method: string; url: string; headers: Record<string, string>; body?: string }

// Reads a curl example the way a shell would for these simple forms: -X, one quoted URL, -H 'k: v', -d '…'.
function parseCurl(text: string, key: string): Curl {
  const withKey = text.replaceAll('ml_…', key)
  const url = /curl [^']*'(https?:\/\/[^']+)'/.exec(withKey)?.[1]
  if (!url) throw new Error(`no URL in ${text}`)
  const headers = Object.fromEntries([...withKey.matchAll(/-H '([^:']+): ([^']*)'/g)].map((m) => [m[1]!.toLowerCase(), m[2]!]))
  const body = /-d '([^']*)'\s*$/.exec(withKey)?.[1]
  return { method: /-X (\w+)/.exec(withKey)?.[1] ?? 'GET', url, headers, body }
}

async function exampleText(page: Page, id: string): Promise<string> {
  return (await page.locator(`#example-${id}-code`).textContent()) ?? ''
}

test('engineer: the examples use team search, and the curl examples work as written with a real key', async ({ page, context }) => {
  await loginAs(page, 'engineer')
  const res = await page.goto('/docs/api')
  expect(res?.status()).toBe(200)
  await expect(page.getByRole('heading', { name: 'API docs' })).toBeVisible()
  await expect(page.getByTestId('docs-team')).toHaveText('search')
  await expect(page.getByTestId('key-callout').getByRole('link', { name: '/teams/search' })).toHaveAttribute('href', '/teams/search')
  await expect(page.getByRole('link', { name: 'OpenAPI 3.1 JSON' })).toHaveAttribute('href', '/api/v1/openapi.json')

  const usageCurl = await exampleText(page, 'usage-curl')
  expect(usageCurl).toContain("-H 'Authorization: Bearer ml_…'")
  expect(usageCurl).toMatch(/"id": "search-chatcmpl-/)
  const spendCurl = await exampleText(page, 'spend-curl')
  expect(spendCurl).toContain('team=search')
  expect(await exampleText(page, 'usage-typescript')).toContain('`search-${completion.id}`')
  expect(await exampleText(page, 'usage-python')).toContain('f"search-{completion.id}"')
  const otelNode = await exampleText(page, 'otel-node')
  expect(otelNode).toContain('new OTLPTraceExporter({')
  expect(otelNode).toMatch(/url: 'http:\/\/[^']+\/api\/v1\/otlp\/v1\/traces'/)
  expect(otelNode).toContain("headers: { Authorization: 'Bearer ml_…' }")
  // A snippet imports only what a reader installs, never this app's own modules.
  expect(otelNode).not.toContain('@/lib/')
  const otelEnv = await exampleText(page, 'otel-env')
  expect(otelEnv).toContain('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/protobuf')
  expect(otelEnv).toContain('OTEL_EXPORTER_OTLP_TRACES_HEADERS=Authorization=Bearer%20ml_…')

  // Every path of the OpenAPI document has its section, with the request fields generated from the schema.
  const doc = buildOpenApiDocument()
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of Object.keys(ops)) await expect(page.locator(`[data-testid="endpoint"][data-path="${path}"][data-method="${method}"]`)).toHaveCount(1)
  }
  const usageSection = page.locator('[data-testid="endpoint"][data-path="/api/v1/usage"]')
  await expect(usageSection.getByRole('row', { name: /events\[\]\.timestamp string yes/ })).toBeVisible()
  await expect(usageSection.getByRole('row', { name: /events\[\]\.task/ })).toContainText('summarize')

  // Copy puts exactly the example on the clipboard.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.getByTestId('example-usage-curl').getByRole('button', { name: 'Copy' }).click()
  await expect(page.getByTestId('example-usage-curl').getByRole('button', { name: 'Copied' })).toBeVisible()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(usageCurl)

  await page.screenshot({ path: test.info().outputPath('api-docs-engineer-1280.png'), fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await page.screenshot({ path: test.info().outputPath('api-docs-engineer-390.png') })

  // The usage curl, run as written with a fresh team's key: stored and priced at the event's time.
  const team = await prisma.team.create({ data: { slug: `docs-${hex()}`, name: 'API docs e2e' } })
  const { key } = await createApiKey(prisma, { teamId: team.id, name: 'docs', actor: { name: 'e2e' } })
  const curl = parseCurl(usageCurl, key)
  expect(curl).toMatchObject({ method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' } })
  const posted = await page.request.fetch(curl.url, { method: curl.method, headers: curl.headers, data: curl.body })
  expect(posted.status()).toBe(200)
  const result = await posted.json()
  expect(result).toMatchObject({ accepted: 1, duplicates: 0, rejected: 0 })
  const eventId = JSON.parse(curl.body!).events[0].id as string
  const stored = await prisma.usageEvent.findFirstOrThrow({ where: { teamId: team.id, eventId } })
  // OpenAI chat: prompt 1850 includes 1024 cached, so 826 uncached input.
  expect(stored).toMatchObject({ inputTokens: 826, cacheReadTokens: 1024, outputTokens: 412, reasoningTokens: 0, status: 'priced', task: 'chat', dataClass: 'internal', provider: 'openai' })
  const version = await prisma.priceVersion.findUniqueOrThrow({ where: { id: stored.priceVersionId! }, include: { model: true } })
  expect(version.model.slug).toBe('gpt-4o')
  const expected = version.input
    .times(826)
    .plus((version.cacheRead ?? version.input).times(1024))
    .plus(version.output.times(412))
    .dividedBy(1_000_000)
  expect(new Prisma.Decimal(stored.cost!).equals(expected)).toBe(true)
  // Sending it again is a duplicate, not a second charge.
  const again = await page.request.fetch(curl.url, { method: curl.method, headers: curl.headers, data: curl.body })
  expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 1 })

  // Route advice as written, with the same team key.
  const route = parseCurl(await exampleText(page, 'route-curl'), key)
  const advised = await page.request.fetch(route.url, { method: route.method, headers: route.headers, data: route.body })
  expect(advised.status()).toBe(200)
  expect(await advised.json()).toHaveProperty('alternatives')

  // The spend curl names team search: it works with a key of search, and a key of another team is refused.
  const search = await prisma.team.findUniqueOrThrow({ where: { slug: 'search' } })
  const searchKey = await createApiKey(prisma, { teamId: search.id, name: `docs-e2e-${hex()}`, actor: { name: 'e2e' } })
  try {
    const spend = parseCurl(spendCurl, searchKey.key)
    const read = await page.request.fetch(spend.url, { method: spend.method, headers: spend.headers })
    expect(read.status()).toBe(200)
    const report = await read.json()
    expect(report.group_by).toEqual(['model'])
    expect(report.currency).toBe('USD')
    const other = parseCurl(spendCurl, key)
    expect((await page.request.fetch(other.url, { headers: other.headers })).status()).toBe(403)
  } finally {
    await revokeApiKey(prisma, { teamId: search.id, prefix: searchKey.record.prefix, actor: { name: 'e2e' } })
  }
})

test('admin (no team): placeholders and a pointer to team keys', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto('/docs/api')
  await expect(page.getByTestId('key-callout')).toContainText('You are not in a team')
  expect(await exampleText(page, 'spend-curl')).not.toContain('team=')
  await page.screenshot({ path: test.info().outputPath('api-docs-admin-1280.png') })
})
