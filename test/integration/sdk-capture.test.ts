import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { POST as postUsage } from '@/app/api/v1/usage/route'
import { POST as postRoute } from '@/app/api/v1/route/route'
import { GET as getSpend } from '@/app/api/v1/spend/route'
import { clearApiKeyCache } from '@/lib/auth/verify-api-key'
import { pool, prisma } from '@/lib/db'
import { seedCatalog } from '@/lib/demo/seed-catalog'
import { invalidatePricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { closeProducerQueues } from '@/lib/queues'
import { ModelLedger, wrapAnthropic, wrapOpenAI } from '../../sdk/src/index'
import { startFakeProvider, type FakeProvider } from '../../sdk/test/fake-provider'
import { applyTeamRollups, createTestTeam } from './fixtures'
import { serveRouteHandlers, type Endpoint } from './serve-route-handlers'

// The SDK end to end: the real openai and @anthropic-ai/sdk clients, wrapped, call a local server that
// answers like the providers; the ledger is the app's real usage and spend route handlers on a real
// port, writing to the real database. Costs are checked where a user reads them: GET /api/v1/spend.

let provider: FakeProvider
let endpoint: Endpoint

beforeAll(async () => {
  await seedCatalog(prisma)
  invalidatePricingSnapshot()
  provider = await startFakeProvider()
  endpoint = await serveRouteHandlers({ '/api/v1/usage': postUsage, '/api/v1/spend': getSpend, '/api/v1/route': postRoute })
})
afterAll(async () => {
  await provider.close()
  await endpoint.stop()
  clearApiKeyCache()
  await closeProducerQueues()
})

async function spendToday(key: string) {
  const day = new Date().toISOString().slice(0, 10)
  const res = await fetch(`${endpoint.url}/api/v1/spend?from=${day}&to=${day}&group_by=model`, { headers: { authorization: `Bearer ${key}` } })
  expect(res.status).toBe(200)
  return (await res.json()) as { rows: { model: string; calls: number; cost_usd: string | null }[]; totals: { calls: number; cost_usd: string | null } }
}

function wrapped(ledger: ModelLedger) {
  const openai = wrapOpenAI(new OpenAI({ apiKey: 'sk-test', baseURL: `${provider.url}/v1`, maxRetries: 0 }), ledger, { task: 'chat', tags: { feature: 'sdk-test' } })
  const anthropic = wrapAnthropic(new Anthropic({ apiKey: 'sk-ant-test', baseURL: provider.url, maxRetries: 0 }), ledger, { task: 'summarize' })
  return { openai, anthropic }
}

const messages = [{ role: 'user' as const, content: 'Hi' }]

describe('the SDK against the real ingest and spend API', () => {
  it('records wrapped OpenAI and Anthropic calls, streamed or not, at their exact cost', async () => {
    const { team, key } = await createTestTeam()
    const ledger = new ModelLedger({ apiKey: key, baseUrl: endpoint.url })
    const { openai, anthropic } = wrapped(ledger)

    await openai.chat.completions.create({ model: 'gpt-4o', messages })
    for await (const _ of await openai.chat.completions.create({ model: 'gpt-4o', messages, stream: true }));
    await openai.responses.create({ model: 'gpt-4o', input: 'Hi' })
    for await (const _ of await openai.responses.create({ model: 'gpt-4o', input: 'Hi', stream: true }));
    await anthropic.messages.create({ model: 'claude-3-5-sonnet-20241022', max_tokens: 100, messages })
    await anthropic.messages.stream({ model: 'claude-3-5-sonnet-20241022', max_tokens: 100, messages }).finalMessage()

    const stats = await ledger.shutdown()
    expect(stats).toMatchObject({ recorded: 6, accepted: 6, rejected: 0, pending: 0 })
    await applyTeamRollups(team.id)

    const spend = await spendToday(key)
    // gpt-4o at $5 / 1M for every bucket. Chat: prompt 1200 (200 cached) + completion 500 (100 reasoning)
    // = 1700 tokens → 0.0085. Responses: 3000 in + 2000 out = 5000 → 0.025. Two of each: 0.067.
    // Claude 3.5 Sonnet at $3 / 1M: 100 in + 900 cache read + 50 cache write + 250 out = 1300 → 0.0039; ×2.
    expect(spend.rows.map((r) => [r.model, Number(r.calls), r.cost_usd])).toEqual(
      expect.arrayContaining([
        ['gpt-4o', 4, '0.067'],
        ['claude-3-5-sonnet', 2, '0.0078'],
      ]),
    )
    expect(spend.totals.cost_usd).toBe('0.0748')

    const stored = await prisma.usageEvent.findMany({ where: { teamId: team.id }, orderBy: { eventId: 'asc' } })
    expect(stored.find((e) => e.eventId.startsWith('chatcmpl-'))).toMatchObject({ inputTokens: 1000, cacheReadTokens: 200, outputTokens: 400, reasoningTokens: 100, task: 'chat' })
    expect(stored.find((e) => e.eventId.startsWith('msg_'))).toMatchObject({ inputTokens: 100, cacheReadTokens: 900, cacheWriteTokens: 50, outputTokens: 250, task: 'summarize' })
    const sources = await pool.query<{ source: string }>('SELECT DISTINCT source FROM ingest_batches WHERE team_id = $1', [team.id])
    expect(sources.rows).toEqual([{ source: 'sdk' }])
  })

  it('loses and doubles nothing when the ledger goes away mid-run and an answer is lost on its return', async () => {
    const { team, key } = await createTestTeam()
    const ledger = new ModelLedger({ apiKey: key, baseUrl: endpoint.url, flushAt: 20, flushIntervalMs: 50, retry: { baseDelayMs: 20, maxDelayMs: 200 }, onWarning: () => undefined })
    const { openai } = wrapped(ledger)
    const call = () => openai.chat.completions.create({ model: 'gpt-4o', messages })

    for (let i = 0; i < 60; i++) await call()
    await endpoint.stop()
    for (let i = 0; i < 60; i++) await call() // the service keeps working while the ledger is down
    await vi.waitFor(() => expect(ledger.stats().retries).toBeGreaterThan(0), { timeout: 10_000 })
    endpoint.loseAnswers(1) // the first batch after the outage is stored, but its answer never arrives
    await endpoint.start()
    for (let i = 0; i < 30; i++) await call()

    const stats = await ledger.shutdown({ timeoutMs: 30_000 })
    expect(stats).toMatchObject({ recorded: 150, dropped: 0, failed: 0, rejected: 0, pending: 0 })
    expect(stats.accepted + stats.duplicates).toBe(150)
    expect(stats.duplicates).toBeGreaterThan(0) // the resent batch was recognised, not stored again

    const { rows } = await pool.query<{ n: number; ids: number }>('SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS ids FROM usage_events WHERE team_id = $1', [team.id])
    expect(rows[0]).toEqual({ n: 150, ids: 150 })
    await applyTeamRollups(team.id)
    const spend = await spendToday(key)
    expect(Number(spend.totals.calls)).toBe(150)
    expect(spend.totals.cost_usd).toBe('1.275') // 150 × 0.0085
  })

  it('asks for route advice, and answers null instead of throwing when the question is refused', async () => {
    const { key } = await createTestTeam()
    const ledger = new ModelLedger({ apiKey: key, baseUrl: endpoint.url, onWarning: () => undefined })
    const advice = await ledger.route({ task: 'summarize', dataClass: 'internal', expectedInputTokens: 4000, expectedOutputTokens: 500 }, { timeoutMs: 30_000 })
    expect(advice).toMatchObject({ model: expect.any(String), reason: expect.any(String) })
    expect(advice!.estimatedCostUsd).toMatch(/^\d+(\.\d+)?$/)
    expect(advice!.alternatives.every((a) => typeof a.whyNot === 'string')).toBe(true)
    expect(await ledger.route({ task: 'poetry' as never, dataClass: 'internal' }, { timeoutMs: 30_000 })).toBeNull()
  })
})
