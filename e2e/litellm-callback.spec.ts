import { expect, test } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { createApiKey } from '@/lib/auth/api-keys'
import { prisma } from '@/lib/db'
import { anthropicPayload, failurePayload, openAiChatPayload } from '@/test/fixtures/litellm-standard-logging-payload'

// What LiteLLM's generic_api callback sends (safe_dumps of its queue; ndjson joined with "\n"; single =
// one request per payload; Content-Type application/json for all), over HTTP to the built app.
test('LiteLLM callback payloads in each log format land once each, priced, with both costs', async ({ request }) => {
  const team = await prisma.team.create({ data: { slug: `litellm-${randomBytes(4).toString('hex')}`, name: 'LiteLLM e2e' } })
  const { key } = await createApiKey(prisma, { teamId: team.id, name: 'litellm', actor: { name: 'e2e' } })
  const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }
  const end = Date.now() / 1000 - 60
  const batch = () => [openAiChatPayload(end), anthropicPayload(end - 5), failurePayload(end - 10)]
  const jsonArray = batch()
  const ndjson = batch()
  const single = batch()
  // Buffers: Playwright would JSON-encode a string body a second time.
  const bodies = [JSON.stringify(jsonArray), ndjson.map((p) => JSON.stringify(p)).join('\n'), ...single.map((p) => JSON.stringify(p))].map((b) => Buffer.from(b))

  for (const data of bodies) {
    const res = await request.post('/api/v1/integrations/litellm', { headers, data })
    expect(res.status(), await res.text()).toBe(200)
  }
  // Sent again (LiteLLM retried, or a second proxy replica logged the same call): nothing new, gzip too.
  const again = await request.post('/api/v1/integrations/litellm', { headers: { ...headers, 'Content-Encoding': 'gzip' }, data: gzipSync(JSON.stringify([...jsonArray, ...ndjson, ...single])) })
  expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 9, rejected: 0 })

  const rows = await prisma.usageEvent.findMany({ where: { teamId: team.id } })
  expect(rows).toHaveLength(9)
  const chat = rows.filter((r) => r.modelRaw === 'gpt-4o-2024-08-06' && r.status === 'priced')
  expect(chat.map((r) => [r.cost?.toString(), r.reportedCost?.toString()])).toEqual(Array(3).fill(['0.0085', '0.00775']))
  expect(rows.filter((r) => r.status === 'failed').map((r) => r.cost)).toEqual([null, null, null])
})
