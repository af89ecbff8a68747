import { expect, test } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { createApiKey } from '@/lib/auth/api-keys'
import { prisma } from '@/lib/db'

// The ingest contract over real HTTP against the built app, and the rollup landing via the worker.
test('POST /api/v1/usage answers per event and the worker rolls the batch up', async ({ request }) => {
  const team = await prisma.team.create({ data: { slug: `api-${randomBytes(4).toString('hex')}`, name: 'API e2e' } })
  const { key } = await createApiKey(prisma, { teamId: team.id, name: 'e2e', actor: { name: 'e2e' } })
  const ts = new Date(Date.now() - 60_000).toISOString()
  const res = await request.post('/api/v1/usage', {
    headers: { authorization: `Bearer ${key}` },
    data: {
      events: [
        { id: 'e1', timestamp: ts, model: 'gpt-4o', input_tokens: 1000, output_tokens: 1000 },
        { id: 'e2', timestamp: ts, model: 'deepseek-chat', provider: 'deepseek', usage: { prompt_tokens: 2000, completion_tokens: 0 } },
        { id: 'bad', timestamp: ts, model: 'gpt-4o', input_tokens: -1 },
      ],
    },
  })
  expect(res.status()).toBe(207)
  const body = await res.json()
  expect(body).toMatchObject({ accepted: 2, duplicates: 0, rejected: 1 })
  expect(body.results[2].error).toMatch(/events\[2\]\.input_tokens/)

  // 0.01 (gpt-4o) + 0.001 (DeepSeek-V3 at $0.5 / 1M) = 0.011, visible in rollups once the worker applied the batch
  await expect
    .poll(async () => (await prisma.rollupDaily.aggregate({ where: { teamId: team.id }, _sum: { cost: true } }))._sum.cost?.toString() ?? null, { timeout: 20_000 })
    .toBe('0.011')

  const unauthorised = await request.post('/api/v1/usage', { data: { events: [] } })
  expect(unauthorised.status()).toBe(401)
  expect((await unauthorised.json()).error.message).toMatch(/missing API key/)

  const doc = await request.get('/api/v1/openapi.json')
  expect(doc.status()).toBe(200)
  expect((await doc.json()).openapi).toBe('3.1.0')
})
