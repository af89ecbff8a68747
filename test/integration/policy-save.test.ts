import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { seedCatalog } from '@/lib/demo/seed-catalog'
import { getTeamPolicy } from '@/lib/policy/get-team-policy'
import { listTeamPolicyVersions } from '@/lib/policy/list-team-policy-versions'
import { saveTeamPolicy } from '@/lib/policy/save-team-policy'
import { invalidateTeamPolicyCache } from '@/lib/policy/team-policy-cache'
import { randomSlug } from './fixtures'

const actor = { name: 'test' }
const newTeam = () => prisma.team.create({ data: { slug: randomSlug(), name: 'Policy test' } })

beforeAll(async () => {
  await seedCatalog(prisma)
})
afterAll(() => invalidateTeamPolicyCache())

describe('saveTeamPolicy', () => {
  it('saves versions 1, 2, … with an audit row holding before and after', async () => {
    const team = await newTeam()
    expect(await getTeamPolicy(prisma, team.id)).toBeNull()
    const v1 = await saveTeamPolicy(prisma, {
      teamId: team.id,
      input: { blockedModels: ['grok-2'], localDataClasses: ['restricted'], defaultModels: { batch: 'deepseek-v3' }, maxPricePer1k: '0.004', monthlyBudget: 250, webhookUrl: 'https://hooks.example.com/ml' },
      actor,
    })
    expect(v1).toMatchObject({ version: 1, blockedModels: ['grok-2'], maxPricePer1k: '0.004', monthlyBudget: '250', alertThresholds: [50, 80, 100], critical: false })
    const v2 = await saveTeamPolicy(prisma, { teamId: team.id, input: { critical: true, alertThresholds: [25, 75, 100, 120], maxPricePer1k: '' }, actor })
    expect(v2).toMatchObject({ version: 2, critical: true, blockedModels: [], maxPricePer1k: null, alertThresholds: [25, 75, 100, 120] })

    expect(await getTeamPolicy(prisma, team.id)).toMatchObject({ version: 2, critical: true })
    expect((await listTeamPolicyVersions(prisma, team.id)).map((v) => v.version)).toEqual([2, 1])

    const audits = await prisma.auditLog.findMany({ where: { teamId: team.id, action: 'policy.update' }, orderBy: { id: 'asc' } })
    expect(audits).toHaveLength(2)
    expect(audits[0]).toMatchObject({ actor: 'test', entityType: 'team_policy', before: null })
    expect(audits[0]!.after).toMatchObject({ version: 1, blockedModels: ['grok-2'] })
    expect(audits[1]!.before).toMatchObject({ version: 1, maxPricePer1k: '0.004' })
    expect(audits[1]!.after).toMatchObject({ version: 2, critical: true })
  })

  it.each([
    ['an unknown model', { blockedModels: ['gpt-9'] }, /blockedModels: unknown model 'gpt-9'/],
    ['an unknown default model', { defaultModels: { chat: 'nope' } }, /defaultModels\.chat: unknown model 'nope'/],
    ['an unknown task', { defaultModels: { dance: 'gpt-4o' } }, /defaultModels: unknown task\(s\) 'dance'/],
    ['an unknown data class', { localDataClasses: ['secret'] }, /unknown data class 'secret'/],
    ['thresholds not ascending', { alertThresholds: [80, 50] }, /strictly ascending/],
    ['a threshold out of range', { alertThresholds: [0, 50] }, /at least 1/],
    ['a float price', { maxPricePer1k: 0.004 }, /The price cap must be a number/],
    ['a price with too many decimals', { maxPricePer1k: '0.0000000001' }, /at most 9 decimals and 11 digits before the point/],
    ['a budget with cents of cents', { monthlyBudget: '10.001' }, /monthlyBudget/],
    ['a non-http webhook', { webhookUrl: 'ftp://example.com/x' }, /http\(s\) URL/],
    ['an unknown field', { budget: 10 }, /unknown field\(s\) 'budget'/],
    ['a model both allowed and blocked', { allowedModels: ['gpt-4o'], blockedModels: ['gpt-4o'] }, /both allowed and blocked/],
    ['a blocked default', { blockedModels: ['gpt-4o'], defaultModels: { chat: 'gpt-4o' } }, /default for chat \(gpt-4o\) is blocked/],
    ['a default off the allow-list', { allowedModels: ['o1'], defaultModels: { chat: 'gpt-4o' } }, /not on the allowed list/],
  ])('refuses %s with a 422 naming the field', async (_name, input, message) => {
    const team = await newTeam()
    await expect(saveTeamPolicy(prisma, { teamId: team.id, input, actor })).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(message) })
    expect(await prisma.teamPolicy.count({ where: { teamId: team.id } })).toBe(0)
    expect(await prisma.auditLog.count({ where: { teamId: team.id } })).toBe(0)
  })

  it('refuses an unknown team with 404 and writes nothing', async () => {
    await expect(saveTeamPolicy(prisma, { teamId: 2_000_000_000, input: {}, actor })).rejects.toMatchObject({ code: 'not_found' })
  })

  it('two saves at once: one wins each version number, the other gets a conflict or the next version', async () => {
    const team = await newTeam()
    const results = await Promise.allSettled([1, 2, 3].map((i) => saveTeamPolicy(prisma, { teamId: team.id, input: { alertThresholds: [i * 10] }, actor })))
    const saved = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<{ version: number }>).value.version)
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'conflict' })
    expect(new Set(saved).size).toBe(saved.length)
    const versions = (await listTeamPolicyVersions(prisma, team.id)).map((v) => v.version).sort()
    expect(versions).toEqual([...saved].sort())
    expect(await prisma.auditLog.count({ where: { teamId: team.id, action: 'policy.update' } })).toBe(saved.length)
  })
})
