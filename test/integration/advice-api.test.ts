import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GET as getAdvice } from '@/app/api/v1/advice/route'
import { POST as postUsage } from '@/app/api/v1/usage/route'
import type { AdviceReport } from '@/lib/advisor/query-advice'
import { createApiKey } from '@/lib/auth/api-keys'
import { clearApiKeyCache } from '@/lib/auth/verify-api-key'
import { prisma } from '@/lib/db'
import { seedCatalog } from '@/lib/demo/seed-catalog'
import { invalidatePricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { invalidatePolicyCatalog } from '@/lib/policy/load-policy-catalog'
import { saveTeamPolicy } from '@/lib/policy/save-team-policy'
import { invalidateTeamPolicyCache } from '@/lib/policy/team-policy-cache'
import { closeProducerQueues } from '@/lib/queues'
import { applyTeamRollups, createTestTeam, minutesAgo, randomSlug, usageRequest } from './fixtures'

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

async function get(key: string | null, query: string) {
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {}
  const res = await getAdvice(new Request(`http://localhost/api/v1/advice${query}`, { headers }))
  return { status: res.status, body: (await res.json()) as AdviceReport & { error?: { code: string; message: string } } }
}

let team: { id: number; slug: string }
let teamKey: string

beforeAll(async () => {
  await seedCatalog(prisma)
  invalidatePricingSnapshot()
  invalidatePolicyCatalog()
  const t = await createTestTeam()
  team = t.team
  teamKey = t.key
  await saveTeamPolicy(prisma, { teamId: team.id, input: { blockedModels: ['grok-2'], defaultModels: { code: 'code-llama' } }, actor: { name: 'test' } })
  const ev = (id: string, model: string, extra: Record<string, unknown>) => ({ id, timestamp: minutesAgo(2), model, input_tokens: 1000, output_tokens: 200, ...extra })
  const res = await postUsage(
    usageRequest(teamKey, {
      events: [
        ev('a', 'o1', { task: 'classify' }),
        ev('b', 'o1', { task: 'extract' }),
        ev('c', 'grok-2', { task: 'chat' }),
        ev('d', 'gpt-4o', { task: 'code' }),
        ev('e', 'deepseek-chat', { task: 'chat' }),
        ev('f', 'deepseek-reasoner', { task: 'reasoning', tags: { critical: 'true' } }),
      ],
    }),
  )
  expect(res.status).toBe(200)
  await applyTeamRollups(team.id)
})
afterAll(async () => {
  clearApiKeyCache()
  invalidateTeamPolicyCache()
  await closeProducerQueues()
})

// Per call (1000 in + 200 out): o1 0.024 → V3 0.0006 (saves 0.0234); R1 0.00066 → o1 0.024 (−0.02334);
// Grok-2 (unpriced) → V3 and GPT-4o 0.006 → Code Llama (unpriced): saving unknown.
const expectedTotals = {
  calls: 5,
  saving_known_calls: 3,
  current_cost: '0.04866',
  cost_at_suggested: '0.0252',
  saving: '0.02346',
  unknown: { calls: 2, current_cost: '0.006' },
}

describe('GET /api/v1/advice', () => {
  it('aggregates the team’s advice by rule, team and move, exactly', async () => {
    const res = await get(teamKey, `?from=${day(-1)}&to=${day(0)}`)
    expect(res.status).toBe(200)
    expect(res.body.teams).toEqual([team.id])
    expect(res.body.totals).toEqual(expectedTotals)
    expect(res.body.by_rule.map((r) => [r.rule, r.severity, r.calls, r.saving, r.unknown.calls])).toEqual([
      ['doc.reasoning-on-simple-task', 'saving', 2, '0.0468', 0],
      ['policy.blocked-model', 'warning', 1, '0', 1],
      ['policy.default-model', 'info', 1, '0', 1],
      ['doc.critical-on-r1', 'risk', 1, '-0.02334', 0],
    ])
    expect(res.body.by_team).toEqual([{ team_id: team.id, team: team.slug, ...expectedTotals }])
    expect(res.body.by_move.map((m) => [m.current_model, m.suggested_model, m.calls, m.current_cost, m.cost_at_suggested, m.saving])).toEqual([
      ['o1', 'deepseek-v3', 2, '0.048', '0.0012', '0.0468'],
      ['gpt-4o', 'code-llama', 1, '0', '0', '0'],
      ['grok-2', 'deepseek-v3', 1, '0', '0', '0'],
      ['deepseek-r1', 'o1', 1, '0.00066', '0.024', '-0.02334'],
    ])
  })

  it('shows an org-wide key every team, and a team key only its own', async () => {
    const org = await createApiKey(prisma, { teamId: null, name: randomSlug('org'), scopes: ['spend:read:all'], actor: { name: 'test' } })
    const all = await get(org.key, `?from=${day(-1)}&to=${day(0)}`)
    expect(all.status).toBe(200)
    expect(all.body.teams).toContain(team.id)
    expect(all.body.by_team.find((t) => t.team_id === team.id)).toEqual({ team_id: team.id, team: team.slug, ...expectedTotals })

    const other = await createTestTeam()
    const mine = await get(other.key, `?from=${day(-1)}&to=${day(0)}`)
    expect(mine.body.teams).toEqual([other.team.id])
    expect(mine.body.totals.calls).toBe(0)
    expect(mine.body.by_team).toEqual([])
  })

  it('counts only the days asked for (to is inclusive)', async () => {
    expect((await get(teamKey, `?from=${day(-5)}&to=${day(-2)}`)).body.totals.calls).toBe(0)
    expect((await get(teamKey, '')).body.totals).toEqual(expectedTotals)
  })

  it('reads a day whose prices change inside it from raw events, with the same numbers', async () => {
    // A price version of any model starting mid-day makes today a day the profile rollup cannot price
    // as one, so queryAdvice reads today's events one by one.
    const model = await prisma.model.create({ data: { slug: randomSlug('adv'), displayName: 'Advice test', provider: 'test', family: 'Test', route: 'dense', deployment: 'closed_api' } })
    try {
      const midDay = new Date(Date.now() - 60_000)
      await prisma.priceVersion.create({ data: { modelId: model.id, effectiveFrom: midDay, input: '1', output: '1', source: 'manual' } })
      expect((await get(teamKey, `?from=${day(-1)}&to=${day(0)}`)).body.totals).toEqual(expectedTotals)
    } finally {
      await prisma.model.delete({ where: { id: model.id } })
    }
  })

  it('counts only batches applied to the rollups, like every spend figure', async () => {
    const other = await createTestTeam()
    const res = await postUsage(usageRequest(other.key, { events: [{ id: 'x', timestamp: minutesAgo(1), model: 'o1', task: 'classify', input_tokens: 1000, output_tokens: 200 }] }))
    expect(res.status).toBe(200)
    expect((await get(other.key, '')).body.totals.calls).toBe(0)
    await applyTeamRollups(other.team.id)
    expect((await get(other.key, '')).body.totals).toMatchObject({ calls: 1, current_cost: '0.024', cost_at_suggested: '0.0006' })
  })

  it.each([
    ['from after to', `?from=${day(0)}&to=${day(-1)}`, /must not be after/],
    ['not a date', '?from=yesterday', /from must be a date YYYY-MM-DD/],
    ['not a calendar date', '?from=2026-02-30&to=2026-03-01', /not a calendar date/],
    ['too long a range', `?from=${day(-400)}&to=${day(0)}`, /at most 366/],
    ['an unknown parameter', '?team=x', /unknown field\(s\) 'team'/],
  ])('rejects %s with 422', async (_name, query, message) => {
    const res = await get(teamKey, query)
    expect(res.status).toBe(422)
    expect(res.body.error?.message).toMatch(message)
  })

  it('needs spend:read: a usage:write-only key gets 403, no key 401', async () => {
    const { key } = await createTestTeam({ scopes: ['usage:write'] })
    expect((await get(key, '')).status).toBe(403)
    expect((await get(null, '')).status).toBe(401)
  })
})
