import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { POST as postUsage } from '@/app/api/v1/usage/route'
import { whatIf } from '@/lib/advisor/what-if'
import { clearApiKeyCache } from '@/lib/auth/verify-api-key'
import { pool, prisma } from '@/lib/db'
import { seedCatalog } from '@/lib/demo/seed-catalog'
import { AppError } from '@/lib/errors'
import { invalidatePolicyCatalog } from '@/lib/policy/load-policy-catalog'
import { validateTeamPolicyInput } from '@/lib/policy/validate-team-policy-input'
import { Decimal } from '@/lib/pricing/decimal'
import { invalidatePricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { closeProducerQueues } from '@/lib/queues'
import { applyTeamRollups, createTestTeam, usageRequest } from './fixtures'

// The what-if with a chosen target model ("moving them to X would change spend by $Y"), against figures
// worked out by hand from four calls on test-owned models, so no other test's prices can move them.
//   from   (blocked): $10 in / $20 out per 1M     target:   $1 in / $2 out per 1M
//   other:            $3 in / $3 out per 1M       unpriced: no price at all
//   e1 from, internal,   1,000 in,   500 out: 0.01 + 0.01  = 0.02   at target 0.001 + 0.001 = 0.002
//   e2 from, internal,   2,000 in, 1,000 out: 0.02 + 0.02  = 0.04   at target 0.002 + 0.002 = 0.004
//   e3 from, restricted, 4,000 in,   100 out: 0.04 + 0.002 = 0.042  must stay local: never to the target
//   e4 other, internal,  1,000 in, 1,000 out: 0.003 + 0.003 = 0.006 not moved

let team: { id: number; slug: string }
const slugs = { from: '', target: '', other: '', unpriced: '' }
let policy: Awaited<ReturnType<typeof validateTeamPolicyInput>>
const now = new Date()

beforeAll(async () => {
  await seedCatalog(prisma)
  const t = await createTestTeam()
  team = t.team
  const model = async (role: keyof typeof slugs, price: { input: string; output: string } | null) => {
    slugs[role] = `wit-${role}-${team.slug}`
    const m = await prisma.model.create({ data: { slug: slugs[role], displayName: `What-if ${role}`, provider: 'test', family: 'Test', route: 'dense', deployment: 'closed_api' } })
    if (price) await prisma.priceVersion.create({ data: { modelId: m.id, effectiveFrom: new Date('2025-01-01T00:00:00Z'), ...price, source: 'manual' } })
  }
  await model('from', { input: '10', output: '20' })
  await model('target', { input: '1', output: '2' })
  await model('other', { input: '3', output: '3' })
  await model('unpriced', null)
  invalidatePricingSnapshot()
  invalidatePolicyCatalog()
  const at = new Date(now.getTime() - 3_600_000).toISOString()
  const event = (id: string, model: string, dataClass: string, input: number, output: number) => ({ id, timestamp: at, model, task: 'chat', data_class: dataClass, input_tokens: input, output_tokens: output })
  const res = await postUsage(
    usageRequest(t.key, {
      events: [
        event('e1', slugs.from, 'internal', 1000, 500),
        event('e2', slugs.from, 'internal', 2000, 1000),
        event('e3', slugs.from, 'restricted', 4000, 100),
        event('e4', slugs.other, 'internal', 1000, 1000),
      ],
    }),
  )
  expect(res.status).toBe(200)
  await applyTeamRollups(team.id)
  policy = await validateTeamPolicyInput(prisma, { blockedModels: [slugs.from], localDataClasses: ['restricted'] })
})

afterAll(async () => {
  clearApiKeyCache()
  await closeProducerQueues()
})

const replay = (target?: string | null) => whatIf(pool, { teams: [team.id], days: 1, mode: { kind: 'policy', policy }, target, now })
const blockedMoves = (r: Awaited<ReturnType<typeof replay>>) => r.moves.filter((m) => m.rule === 'policy.blocked-model')

describe('whatIf with a target model', () => {
  it('sends the blocked calls to the target and prices them there, exactly as worked out by hand', async () => {
    const asSuggested = await replay(null)
    const report = await replay(slugs.target)
    expect(report.totals.calls).toBe(4)
    expect(report.totals.spend_before).toBe('0.108')
    expect(blockedMoves(report)).toEqual([
      { team_id: team.id, team: team.slug, from_model: slugs.from, to_model: slugs.target, rule: 'policy.blocked-model', calls: 2, cost_before: '0.06', cost_after: '0.006', unpriced_calls_after: 0, saving: '0.054', saving_unknown_calls: 0 },
    ])
    expect(report.target).toEqual({ model: slugs.target, calls: 2, unpriced_calls: 0 })
    // The restricted call may not leave for an API model: it goes where the rules suggest, as without a target.
    const local = report.moves.filter((m) => m.rule !== 'policy.blocked-model')
    expect(local).toHaveLength(1)
    expect(local[0]?.to_model).not.toBe(slugs.target)
    expect(local).toEqual(asSuggested.moves.filter((m) => m.rule !== 'policy.blocked-model'))
    expect(report.totals.moved_calls).toBe(3)
    // After: e1 + e2 at the target, e3 where it was suggested, e4 unchanged.
    const e3After = local[0]!.cost_after
    expect(report.totals.spend_after).toBe(new Decimal('0.006').plus('0.006').plus(e3After).toFixed())
    expect(asSuggested.target).toBeNull()
    expect(blockedMoves(asSuggested).every((m) => m.to_model !== slugs.target)).toBe(true)
  })

  it('a target without a price: the moved calls cost unknown there, never zero', async () => {
    const report = await replay(slugs.unpriced)
    expect(blockedMoves(report)).toEqual([
      { team_id: team.id, team: team.slug, from_model: slugs.from, to_model: slugs.unpriced, rule: 'policy.blocked-model', calls: 2, cost_before: '0.06', cost_after: '0', unpriced_calls_after: 2, saving: '0', saving_unknown_calls: 2 },
    ])
    expect(report.target).toEqual({ model: slugs.unpriced, calls: 2, unpriced_calls: 2 })
    expect(report.totals.unpriced_calls_after).toBe(2)
    expect(report.totals.saving_unknown_calls).toBe(2)
  })

  it('a target the policy forbids takes no call: the replay is the one without a target', async () => {
    const asSuggested = await replay(null)
    const report = await replay(slugs.from)
    expect(report.moves).toEqual(asSuggested.moves)
    expect(report.totals).toEqual(asSuggested.totals)
    expect(report.target).toEqual({ model: slugs.from, calls: 0, unpriced_calls: 0 })
  })

  it.each([
    ['no-such-model', /Move calls to: 'no-such-model' is not a model in the catalog; pick one from the list\./],
    ['gpt\u00004o', /Move calls to: a model slug must not contain NUL characters\./],
    [42, /Move calls to: a model slug must be a string\./],
  ])('refuses the target %j with a clear message on the field', async (target, message) => {
    const err = await whatIf(pool, { teams: [team.id], days: 1, mode: { kind: 'policy', policy }, target: target as string, now }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect(err).toMatchObject({ code: 'invalid', field: 'target', message: expect.stringMatching(message) })
  })

  it('an empty target means "as the rules suggest"', async () => {
    expect((await replay('')).moves).toEqual((await replay(null)).moves)
  })
})
