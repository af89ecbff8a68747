import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { POST as postRoute } from '@/app/api/v1/route/route'
import type { RouteResponse } from '@/lib/advisor/advise-route'
import { createApiKey } from '@/lib/auth/api-keys'
import { clearApiKeyCache } from '@/lib/auth/verify-api-key'
import { pool, prisma } from '@/lib/db'
import { seedCatalog } from '@/lib/demo/seed-catalog'
import { invalidatePricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { invalidatePolicyCatalog } from '@/lib/policy/load-policy-catalog'
import { saveTeamPolicy } from '@/lib/policy/save-team-policy'
import { invalidateTeamPolicyCache } from '@/lib/policy/team-policy-cache'
import { createTestTeam, randomSlug, usageRequest } from './fixtures'

type RouteBody = RouteResponse & { error?: { code: string; message: string } }

async function ask(key: string | null, body: unknown, raw?: string) {
  const res = await postRoute(usageRequest(key, body, { path: '/api/v1/route', raw }))
  return { status: res.status, body: (await res.json()) as RouteBody }
}

beforeAll(async () => {
  await seedCatalog(prisma)
  invalidatePricingSnapshot()
  invalidatePolicyCatalog()
})
afterAll(() => {
  clearApiKeyCache()
  invalidateTeamPolicyCache()
})

describe('POST /api/v1/route', () => {
  it('answers with the document’s choice, its citation and an exact cost estimate', async () => {
    const { key } = await createTestTeam()
    const res = await ask(key, { task: 'chat', data_class: 'internal', expected_input_tokens: 1500, expected_output_tokens: 500 })
    expect(res.status).toBe(200)
    // (1500 + 500) × $0.5 / 1M
    expect(res.body).toMatchObject({ model: 'deepseek-v3', estimated_cost_usd: '0.001', price_source: 'document', citation: expect.stringContaining('C. 最佳性价比') })
    expect(res.body.alternatives.map((a) => a.model)).toEqual(['gpt-4o', 'claude-3-5-sonnet'])
    // (1500 + 500) × $5 / 1M
    expect(res.body.alternatives[0]).toMatchObject({ estimated_cost_usd: '0.01', why_not: expect.stringMatching(/^Ranked below deepseek-v3/) })

    const maths = await ask(key, { task: 'math', data_class: 'internal', critical: true })
    expect(maths.body).toMatchObject({ model: 'o1', estimated_cost_usd: '0.04', citation: expect.stringContaining('o1 vs DeepSeek-R1') })
    expect(maths.body.alternatives.find((a) => a.model === 'deepseek-r1')?.why_not).toMatch(/critical.*deepseek-r1/)
  })

  it('follows the team policy when it forbids the document’s recommendation', async () => {
    const { team, key } = await createTestTeam()
    await saveTeamPolicy(prisma, { teamId: team.id, input: { blockedModels: ['deepseek-v3'], localDataClasses: ['confidential'] }, actor: { name: 'test' } })
    const chat = await ask(key, { task: 'chat', data_class: 'internal' })
    expect(chat.body).toMatchObject({ model: 'gpt-4o', estimated_cost_usd: '0.01' })
    expect(chat.body.alternatives.find((a) => a.model === 'deepseek-v3')).toMatchObject({ estimated_cost_usd: '0.001', why_not: expect.stringMatching(/blocked by the team policy/) })

    const conf = await ask(key, { task: 'chat', data_class: 'confidential' })
    expect(conf.body).toMatchObject({ model: 'llama-3.1-70b', estimated_cost_usd: '0', price_source: 'document' })
    expect(conf.body.alternatives.find((a) => a.model === 'gpt-4o')?.why_not).toMatch(/keeps confidential data local/)

    const onlyBlocked = await ask(key, { task: 'chat', data_class: 'internal', candidates: ['deepseek-v3'] })
    expect(onlyBlocked.body).toMatchObject({ model: null, estimated_cost_usd: null })
    expect(onlyBlocked.body.alternatives).toHaveLength(1)
  })

  it('is served from memory once warm: no database round trip', async () => {
    const { team, key } = await createTestTeam()
    await ask(key, { task: 'realtime', data_class: 'public' })
    const query = vi.spyOn(pool, 'query')
    const connect = vi.spyOn(pool, 'connect')
    try {
      const res = await ask(key, { task: 'realtime', data_class: 'public' })
      expect(res.body).toMatchObject({ model: 'llama-3.1-70b' })
      expect(query).not.toHaveBeenCalled()
      expect(connect).not.toHaveBeenCalled()
      // The spies do see the pool: a cold team context reads its policy.
      invalidateTeamPolicyCache(team.id)
      await ask(key, { task: 'realtime', data_class: 'public' })
      expect(query.mock.calls.length + connect.mock.calls.length).toBeGreaterThan(0)
    } finally {
      query.mockRestore()
      connect.mockRestore()
    }
  })

  it('accepts a key with spend:read only, refuses an org-wide key', async () => {
    const { key } = await createTestTeam({ scopes: ['spend:read'] })
    expect((await ask(key, { task: 'batch', data_class: 'internal' })).body.model).toBe('deepseek-v3')
    const org = await createApiKey(prisma, { teamId: null, name: randomSlug('org'), scopes: ['spend:read:all'], actor: { name: 'test' } })
    const res = await ask(org.key, { task: 'batch', data_class: 'internal' })
    expect(res.status).toBe(403)
    expect(res.body.error?.message).toMatch(/lacks the scope usage:write or spend:read/)
  })

  it.each([
    ['missing task', { data_class: 'internal' }, 422, /task is required/],
    ['unknown task', { task: 'dance', data_class: 'internal' }, 422, /unknown task 'dance'/],
    ['unknown data class', { task: 'chat', data_class: 'secret' }, 422, /unknown data_class 'secret'/],
    ['unknown field', { task: 'chat', data_class: 'internal', model: 'gpt-4o' }, 422, /unknown field\(s\) 'model'/],
    ['fractional tokens', { task: 'chat', data_class: 'internal', expected_input_tokens: 1.5 }, 422, /expected_input_tokens must be a whole number/],
    ['unknown candidate', { task: 'chat', data_class: 'internal', candidates: ['gpt-9'] }, 422, /candidates: unknown model\(s\) 'gpt-9'/],
    ['empty candidates', { task: 'chat', data_class: 'internal', candidates: [] }, 422, /at least one model/],
    ['not an object', [1, 2], 422, /expected object/],
  ])('rejects %s', async (_name, body, status, message) => {
    const { key } = await createTestTeam()
    const res = await ask(key, body)
    expect(res.status).toBe(status)
    expect(res.body.error).toMatchObject({ code: 'invalid', message: expect.stringMatching(message) })
  })

  it('rejects malformed JSON with 400 and a missing key with 401', async () => {
    const { key } = await createTestTeam()
    expect((await ask(key, null, '{"task":')).status).toBe(400)
    expect((await ask(null, { task: 'chat', data_class: 'internal' })).status).toBe(401)
  })
})
