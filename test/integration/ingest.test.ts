import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { POST as postUsage } from '@/app/api/v1/usage/route'
import { prisma, pool } from '@/lib/db'
import { clearApiKeyCache } from '@/lib/auth/verify-api-key'
import { seedCatalog } from '@/lib/demo/seed-catalog'
import { invalidatePricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { applyBatchRollup } from '@/lib/rollups/apply-batch-rollup'
import { env } from '@/lib/env'
import { closeProducerQueues } from '@/lib/queues'
import { createTestTeam, minutesAgo, usageRequest } from './fixtures'

type Body = { accepted: number; duplicates: number; rejected: number; results: { id: string; status: string; error?: string }[] }

async function post(key: string | null, body: unknown, init = {}) {
  const res = await postUsage(usageRequest(key, body, init))
  return { status: res.status, body: (await res.json()) as Body & { error?: { code: string; message: string } } }
}

async function storedEvent(teamId: number, eventId: string) {
  return prisma.usageEvent.findFirst({ where: { teamId, eventId } })
}

beforeAll(async () => {
  await seedCatalog(prisma)
  invalidatePricingSnapshot()
})
afterAll(async () => {
  clearApiKeyCache()
  await closeProducerQueues()
})

describe('POST /api/v1/usage — usage shapes priced at event time', () => {
  it('prices each provider shape with hand-computed costs', async () => {
    const { team, key } = await createTestTeam()
    const ts = minutesAgo(5)
    const res = await post(key, {
      events: [
        // flat on gpt-4o ($5 / 1M for every bucket): (1000 + 200 + 0 + 300 + 0) × 5 / 1e6 = 0.0075
        { id: 'flat', timestamp: ts, model: 'gpt-4o', input_tokens: 1000, cache_read_tokens: 200, output_tokens: 300 },
        // OpenAI chat on an alias: prompt 1200 incl. 200 cached → input 1000, cache 200; completion 500 incl. 100 reasoning
        // cost = (1000 + 200 + 400 + 100) × 5 / 1e6 = 0.0085
        { id: 'chat', timestamp: ts, model: 'openai/gpt-4o-2024-08-06', provider: 'openai', usage: { prompt_tokens: 1200, completion_tokens: 500, total_tokens: 1700, prompt_tokens_details: { cached_tokens: 200 }, completion_tokens_details: { reasoning_tokens: 100 } } },
        // OpenAI responses on o1 ($20 / 1M): input 3000 incl. 1000 cached, output 2000 incl. 1500 reasoning → 5000 × 20 / 1e6 = 0.1
        { id: 'responses', timestamp: ts, model: 'o1', provider: 'openai', usage: { input_tokens: 3000, input_tokens_details: { cached_tokens: 1000 }, output_tokens: 2000, output_tokens_details: { reasoning_tokens: 1500 }, total_tokens: 5000 } },
        // Anthropic on Claude 3.5 Sonnet ($3 / 1M): input excludes cache: (100 + 900 + 50 + 250) × 3 / 1e6 = 0.0039
        { id: 'anthropic', timestamp: ts, model: 'claude-3-5-sonnet-20241022', provider: 'anthropic', usage: { input_tokens: 100, cache_read_input_tokens: 900, cache_creation_input_tokens: 50, output_tokens: 250 } },
        // DeepSeek-R1 derived price 0.55 / 1M: (1000 + 1000) × 0.55 / 1e6 = 0.0011
        { id: 'r1', timestamp: ts, model: 'deepseek-reasoner', input_tokens: 1000, output_tokens: 400, reasoning_tokens: 600 },
        // local Llama 3.1 70B: a real 0 price, priced (not unpriced)
        { id: 'local', timestamp: ts, model: 'llama-3.1-70b', provider: 'local', input_tokens: 5000, output_tokens: 500 },
      ],
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ accepted: 6, duplicates: 0, rejected: 0 })
    const expected: Record<string, [string, Record<string, number>]> = {
      flat: ['0.0075', { inputTokens: 1000, cacheReadTokens: 200, outputTokens: 300 }],
      chat: ['0.0085', { inputTokens: 1000, cacheReadTokens: 200, outputTokens: 400, reasoningTokens: 100 }],
      responses: ['0.1', { inputTokens: 2000, cacheReadTokens: 1000, outputTokens: 500, reasoningTokens: 1500 }],
      anthropic: ['0.0039', { inputTokens: 100, cacheReadTokens: 900, cacheWriteTokens: 50, outputTokens: 250 }],
      r1: ['0.0011', { inputTokens: 1000, outputTokens: 400, reasoningTokens: 600 }],
      local: ['0', { inputTokens: 5000, outputTokens: 500 }],
    }
    for (const [id, [cost, buckets]] of Object.entries(expected)) {
      const e = await storedEvent(team.id, id)
      expect(e, id).not.toBeNull()
      expect(e!.status, id).toBe('priced')
      expect(e!.cost!.toString(), id).toBe(cost)
      expect(e!.priceVersionId, id).not.toBeNull()
      expect(e, id).toMatchObject(buckets)
    }
  })

  it('stores an unmatched or unpriced model with cost NULL and status unpriced, keeping the model string', async () => {
    const { team, key } = await createTestTeam()
    const res = await post(key, {
      events: [
        { id: 'mini', timestamp: minutesAgo(1), model: 'gpt-4o-mini', input_tokens: 10, output_tokens: 10 },
        { id: 'codellama', timestamp: minutesAgo(1), model: 'code-llama', input_tokens: 10, output_tokens: 10 },
      ],
    })
    expect(res.status).toBe(200)
    const mini = await storedEvent(team.id, 'mini')
    expect(mini).toMatchObject({ status: 'unpriced', cost: null, modelId: null, modelRaw: 'gpt-4o-mini' })
    const cl = await storedEvent(team.id, 'codellama')
    expect(cl!.status).toBe('unpriced')
    expect(cl!.cost).toBeNull()
    expect(cl!.modelId).not.toBeNull()
  })

  it('chooses the price version in force at the event timestamp', async () => {
    const { team, key } = await createTestTeam()
    const model = await prisma.model.create({ data: { slug: `pv-${team.slug}`, displayName: 'PV test', provider: 'test', family: 'Test', route: 'dense', deployment: 'closed_api' } })
    const boundary = new Date(Date.now() - 60 * 60_000)
    await prisma.priceVersion.create({ data: { modelId: model.id, effectiveFrom: new Date('2025-01-01T00:00:00Z'), effectiveTo: boundary, input: '1', output: '1', source: 'manual' } })
    await prisma.priceVersion.create({ data: { modelId: model.id, effectiveFrom: boundary, input: '2', output: '4', source: 'manual' } })
    invalidatePricingSnapshot()
    const res = await post(key, {
      events: [
        { id: 'before', timestamp: new Date(boundary.getTime() - 1).toISOString(), model: model.slug, input_tokens: 1_000_000, output_tokens: 1_000_000 },
        { id: 'at', timestamp: boundary.toISOString(), model: model.slug, input_tokens: 1_000_000, output_tokens: 1_000_000 },
      ],
    })
    expect(res.status).toBe(200)
    expect((await storedEvent(team.id, 'before'))!.cost!.toString()).toBe('2')
    expect((await storedEvent(team.id, 'at'))!.cost!.toString()).toBe('6')
  })
})

describe('POST /api/v1/usage — idempotency', () => {
  it('reports duplicates within and across batches and never stores twice', async () => {
    const { team, key } = await createTestTeam()
    const ev = (id: string) => ({ id, timestamp: minutesAgo(2), model: 'gpt-4o', input_tokens: 100, output_tokens: 10 })
    const first = await post(key, { events: [ev('a'), ev('b'), ev('a')] })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ accepted: 2, duplicates: 1, rejected: 0 })
    expect(first.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'duplicate'])
    const second = await post(key, { events: [ev('a'), ev('c')] })
    expect(second.body).toMatchObject({ accepted: 1, duplicates: 1 })
    expect(await prisma.usageEvent.count({ where: { teamId: team.id } })).toBe(3)
  })

  it('keeps the same event id apart for two teams', async () => {
    const a = await createTestTeam()
    const b = await createTestTeam()
    const ev = { id: 'shared-id', timestamp: minutesAgo(1), model: 'gpt-4o', input_tokens: 1, output_tokens: 1 }
    expect((await post(a.key, { events: [ev] })).body.accepted).toBe(1)
    expect((await post(b.key, { events: [ev] })).body.accepted).toBe(1)
  })
})

describe('POST /api/v1/usage — Redis unavailable', () => {
  it('still stores the batch, answers 2xx, and the sweeper path applies it later exactly once', async () => {
    const { team, key } = await createTestTeam()
    // Point producers at a port nothing listens on: enqueueing fails fast, the request must still succeed.
    await closeProducerQueues()
    const realUrl = env.REDIS_URL
    ;(env as { REDIS_URL: string }).REDIS_URL = 'redis://127.0.0.1:1'
    try {
      const res = await post(key, { events: [{ id: 'r1', timestamp: minutesAgo(1), model: 'gpt-4o', input_tokens: 1000, output_tokens: 0 }] })
      expect(res.status).toBe(200)
      expect(res.body.accepted).toBe(1)
    } finally {
      await closeProducerQueues()
      ;(env as { REDIS_URL: string }).REDIS_URL = realUrl
    }
    const batch = await prisma.ingestBatch.findFirstOrThrow({ where: { teamId: team.id } })
    expect(batch.rolledUpAt).toBeNull()
    expect((await applyBatchRollup(pool, batch.id)).applied).toBe(true)
    expect((await applyBatchRollup(pool, batch.id)).applied).toBe(false)
    const rollup = await prisma.rollupDaily.findMany({ where: { teamId: team.id } })
    expect(rollup).toHaveLength(1)
    expect(rollup[0]!.calls).toBe(1n)
    expect(rollup[0]!.cost.toString()).toBe('0.005')
  })
})
