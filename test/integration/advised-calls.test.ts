import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { POST as postUsage } from '@/app/api/v1/usage/route'
import { listAdvisedCalls } from '@/lib/advisor/list-advised-calls'
import { clearApiKeyCache } from '@/lib/auth/verify-api-key'
import { pool, prisma } from '@/lib/db'
import { seedCatalog } from '@/lib/demo/seed-catalog'
import { invalidatePricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { invalidatePolicyCatalog } from '@/lib/policy/load-policy-catalog'
import { closeProducerQueues } from '@/lib/queues'
import { listFlaggedCalls } from '@/lib/teams/list-flagged-calls'
import { createTestTeam, minutesAgo, usageRequest } from './fixtures'

// The newest-calls lists of the advice and team pages: per-team index scans merged into one time order.

let a: Awaited<ReturnType<typeof createTestTeam>>
let b: Awaited<ReturnType<typeof createTestTeam>>

beforeAll(async () => {
  await seedCatalog(prisma)
  invalidatePricingSnapshot()
  invalidatePolicyCatalog()
  a = await createTestTeam()
  b = await createTestTeam()
  // o1 for a classification is advised (reasoning model on a simple task); deepseek-chat for chat is not.
  const call = (id: string, minutes: number, model = 'o1') => ({ id, timestamp: minutesAgo(minutes), model, task: model === 'o1' ? 'classify' : 'chat', input_tokens: 100, output_tokens: 10 })
  for (const [team, calls] of [
    [a, [call('a1', 10), call('a2', 30), call('a3', 50), call('a-plain', 5, 'deepseek-chat')]],
    [b, [call('b1', 20), call('b2', 40), call('b3', 60)]],
  ] as const) {
    const res = await postUsage(usageRequest(team.key, { events: calls }))
    expect(res.status).toBe(200)
  }
})
afterAll(async () => {
  clearApiKeyCache()
  await closeProducerQueues()
})

const window = () => ({ from: new Date(Date.now() - 2 * 3_600_000), to: new Date(Date.now() + 60_000) })

describe('listAdvisedCalls', () => {
  it('merges the teams’ newest advised calls into one time order, newest first, up to the limit', async () => {
    const calls = await listAdvisedCalls(pool, { teamIds: [a.team.id, b.team.id], ...window(), limit: 4 })
    expect(calls.map((c) => c.eventId)).toEqual(['a1', 'b1', 'a2', 'b2'])
    expect(calls.map((c) => c.team)).toEqual([a.team.slug, b.team.slug, a.team.slug, b.team.slug])
    expect(calls.every((c) => c.rule === 'doc.reasoning-on-simple-task' && c.suggestedModel !== null)).toBe(true)
  })

  it('reads only the teams asked for, the window and the rule asked for', async () => {
    expect((await listAdvisedCalls(pool, { teamIds: [b.team.id], ...window() })).map((c) => c.eventId)).toEqual(['b1', 'b2', 'b3'])
    const since35 = { from: new Date(Date.now() - 35 * 60_000), to: new Date(Date.now() + 60_000) }
    expect((await listAdvisedCalls(pool, { teamIds: [a.team.id, b.team.id], ...since35 })).map((c) => c.eventId)).toEqual(['a1', 'b1', 'a2'])
    expect(await listAdvisedCalls(pool, { teamIds: [a.team.id], ...window(), rule: 'policy.blocked-model' })).toEqual([])
    expect(await listAdvisedCalls(pool, { teamIds: [], ...window() })).toEqual([])
  })

  it('serves the team page’s list: the team’s calls up to now, savings without trailing zeros', async () => {
    const calls = await listFlaggedCalls(pool, a.team.id, new Date(), 2)
    expect(calls.map((c) => c.eventId)).toEqual(['a1', 'a2'])
    for (const c of calls) expect(c.estimatedSaving).toMatch(/^-?\d+(\.\d*[1-9])?$/)
  })
})
