import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { POST as postOtlp } from '@/app/api/v1/otlp/v1/traces/route'
import { POST as postUsage } from '@/app/api/v1/usage/route'
import { clearApiKeyCache } from '@/lib/auth/verify-api-key'
import { prisma } from '@/lib/db'
import { seedCatalog } from '@/lib/demo/seed-catalog'
import { invalidatePricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { invalidatePolicyCatalog } from '@/lib/policy/load-policy-catalog'
import { saveTeamPolicy } from '@/lib/policy/save-team-policy'
import { invalidateTeamPolicyCache } from '@/lib/policy/team-policy-cache'
import { closeProducerQueues } from '@/lib/queues'
import { createTestTeam, minutesAgo, usageRequest } from './fixtures'

const actor = { name: 'test' }
let ids: Map<string, number>

async function post(key: string, events: unknown[]) {
  const res = await postUsage(usageRequest(key, { events }))
  expect(res.status).toBe(200)
  return res.json()
}

async function advice(teamId: number, eventId: string) {
  const e = await prisma.usageEvent.findFirstOrThrow({ where: { teamId, eventId } })
  return {
    rule: e.adviceRule,
    severity: e.adviceSeverity,
    suggested: e.suggestedModelId === null ? null : [...ids].find(([, id]) => id === e.suggestedModelId)?.[0],
    saving: e.estimatedSaving?.toString() ?? null,
  }
}

beforeAll(async () => {
  await seedCatalog(prisma)
  invalidatePricingSnapshot()
  invalidatePolicyCatalog()
  ids = new Map((await prisma.model.findMany({ select: { id: true, slug: true } })).map((m) => [m.slug, m.id]))
})
afterAll(async () => {
  clearApiKeyCache()
  invalidateTeamPolicyCache()
  await closeProducerQueues()
})

// 1000 input + 200 output tokens at the document's blended prices (USD / 1M): o1 20 → 0.024,
// GPT-4o 5 → 0.006, R1 0.55 → 0.00066, V3 0.5 → 0.0006, Llama 3.1 70B 0 → 0; Grok-2 and Code Llama unpriced.
const ev = (id: string, model: string, extra: Record<string, unknown> = {}) => ({ id, timestamp: minutesAgo(3), model, input_tokens: 1000, output_tokens: 200, ...extra })

describe('ingest stores each event’s advice under the team policy', () => {
  it('flags the document’s and the team’s rules with exact savings', async () => {
    const { team, key } = await createTestTeam()
    await saveTeamPolicy(prisma, {
      teamId: team.id,
      input: { localDataClasses: ['confidential'], blockedModels: ['grok-2'], defaultModels: { code: 'code-llama' } },
      actor,
    })
    await post(key, [
      ev('o1-classify', 'o1', { task: 'classify', data_class: 'internal' }),
      ev('confidential', 'gpt-4o-2024-11-20', { task: 'chat', data_class: 'confidential' }),
      ev('critical-r1', 'deepseek-reasoner', { task: 'reasoning', data_class: 'internal', tags: { critical: 'true' } }),
      ev('blocked', 'grok-2', { task: 'chat', data_class: 'public' }),
      ev('default-unpriced', 'gpt-4o', { task: 'code', data_class: 'internal' }),
      ev('fine', 'deepseek-chat', { task: 'chat', data_class: 'internal' }),
      ev('r1-realtime', 'deepseek-reasoner', { task: 'realtime', latency_ms: 41_000 }),
    ])
    expect(await advice(team.id, 'o1-classify')).toEqual({ rule: 'doc.reasoning-on-simple-task', severity: 'saving', suggested: 'deepseek-v3', saving: '0.0234' })
    expect(await advice(team.id, 'confidential')).toEqual({ rule: 'policy.local-data-class', severity: 'risk', suggested: 'llama-3.1-70b', saving: '0.006' })
    // o1 costs more: a risk, stored as a negative saving (never counted as money saved).
    expect(await advice(team.id, 'critical-r1')).toEqual({ rule: 'doc.critical-on-r1', severity: 'risk', suggested: 'o1', saving: '-0.02334' })
    // Grok-2 has no price: the saving is unknown, not 0.
    expect(await advice(team.id, 'blocked')).toEqual({ rule: 'policy.blocked-model', severity: 'warning', suggested: 'deepseek-v3', saving: null })
    // Code Llama (the team default for code) has no price: unknown, not 0.
    expect(await advice(team.id, 'default-unpriced')).toEqual({ rule: 'policy.default-model', severity: 'info', suggested: 'code-llama', saving: null })
    expect(await advice(team.id, 'fine')).toEqual({ rule: null, severity: null, suggested: null, saving: null })
    expect(await advice(team.id, 'r1-realtime')).toEqual({ rule: 'doc.reasoning-on-realtime', severity: 'warning', suggested: 'llama-3.1-70b', saving: '0.00066' })
  })

  it('advises a team without a policy by the document alone', async () => {
    const { team, key } = await createTestTeam()
    await post(key, [ev('batch', 'gpt-4o', { task: 'batch' }), ev('conf', 'claude-3-5-sonnet', { task: 'summarize', data_class: 'restricted' })])
    expect(await advice(team.id, 'batch')).toEqual({ rule: 'doc.batch-on-premium', severity: 'saving', suggested: 'deepseek-v3', saving: '0.0054' })
    // 1200 × 3 / 1e6 = 0.0036 on Claude → 0 on the local Llama.
    expect(await advice(team.id, 'conf')).toEqual({ rule: 'doc.confidential-to-closed-api', severity: 'warning', suggested: 'llama-3.1-70b', saving: '0.0036' })
  })

  it('applies a policy change to the very next event, and never suggests a blocked model', async () => {
    const { team, key } = await createTestTeam()
    await post(key, [ev('before', 'o1', { task: 'classify' })])
    expect((await advice(team.id, 'before')).suggested).toBe('deepseek-v3')
    await saveTeamPolicy(prisma, { teamId: team.id, input: { blockedModels: ['deepseek-v3'] }, actor })
    await post(key, [ev('after', 'o1', { task: 'classify' })])
    expect(await advice(team.id, 'after')).toEqual({ rule: 'doc.reasoning-on-simple-task', severity: 'saving', suggested: 'gpt-4o', saving: '0.018' })
    await saveTeamPolicy(prisma, { teamId: team.id, input: { blockedModels: ['gpt-4o'] }, actor })
    await post(key, [ev('gpt', 'gpt-4o', { task: 'chat' })])
    expect(await advice(team.id, 'gpt')).toEqual({ rule: 'policy.blocked-model', severity: 'warning', suggested: 'deepseek-v3', saving: '0.0054' })
  })

  it('nudges non-critical work to a cheaper model when the team is over its monthly budget', async () => {
    const { team, key } = await createTestTeam()
    const today = new Date(new Date().toISOString().slice(0, 10))
    await prisma.rollupDaily.create({ data: { teamId: team.id, day: today, modelKey: 'gpt-4o', modelId: ids.get('gpt-4o'), calls: 10, cost: '12.5' } })
    await saveTeamPolicy(prisma, { teamId: team.id, input: { monthlyBudget: '10' }, actor })
    await post(key, [ev('over', 'gpt-4o', { task: 'chat' }), ev('critical', 'gpt-4o', { task: 'chat', tags: { critical: 'true' } })])
    expect(await advice(team.id, 'over')).toEqual({ rule: 'budget.over-budget', severity: 'saving', suggested: 'deepseek-v3', saving: '0.0054' })
    expect(await advice(team.id, 'critical')).toEqual({ rule: null, severity: null, suggested: null, saving: null })
  })

  it('advises OTLP spans too', async () => {
    const { team, key } = await createTestTeam()
    const nanos = (BigInt(Date.now() - 60_000) * 1_000_000n).toString()
    const body = {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: '0af7651916cd43dd8448eb211c80319c',
                  spanId: 'b7ad6b7169203331',
                  startTimeUnixNano: nanos,
                  endTimeUnixNano: nanos,
                  attributes: [
                    { key: 'gen_ai.request.model', value: { stringValue: 'o1' } },
                    { key: 'gen_ai.usage.input_tokens', value: { intValue: '1000' } },
                    { key: 'gen_ai.usage.output_tokens', value: { intValue: '200' } },
                    { key: 'modelledger.task', value: { stringValue: 'translate' } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    }
    const res = await postOtlp(usageRequest(key, body, { path: '/api/v1/otlp/v1/traces' }))
    expect(res.status).toBe(200)
    expect(await advice(team.id, '0af7651916cd43dd8448eb211c80319cb7ad6b7169203331')).toEqual({
      rule: 'doc.reasoning-on-simple-task',
      severity: 'saving',
      suggested: 'deepseek-v3',
      saving: '0.0234',
    })
  })
})
