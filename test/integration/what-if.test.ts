import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { POST as postUsage } from '@/app/api/v1/usage/route'
import { moveOf, whatIf, type WhatIfMode, type WhatIfReport } from '@/lib/advisor/what-if'
import { newWhatIfTally, tallyCalls, whatIfNumbers, type WhatIfTally } from '@/lib/advisor/what-if-tally'
import { clearApiKeyCache } from '@/lib/auth/verify-api-key'
import { pool, prisma } from '@/lib/db'
import { seedCatalog } from '@/lib/demo/seed-catalog'
import { getPricingSnapshot, invalidatePricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { Decimal } from '@/lib/pricing/decimal'
import { evaluatePolicy } from '@/lib/policy/evaluate-policy'
import { eventTraits, parseLatencyBudget } from '@/lib/policy/event-traits'
import { getPolicyCatalog, invalidatePolicyCatalog } from '@/lib/policy/load-policy-catalog'
import { loadTeamPolicyRules } from '@/lib/policy/load-team-policy-rules'
import { saveTeamPolicy } from '@/lib/policy/save-team-policy'
import { validateTeamPolicyInput } from '@/lib/policy/validate-team-policy-input'
import { invalidateTeamPolicyCache } from '@/lib/policy/team-policy-cache'
import { toPolicyRules } from '@/lib/policy/team-policy-view'
import type { PolicyContext, PolicySubject, TeamPolicyRules } from '@/lib/policy/types'
import { closeProducerQueues } from '@/lib/queues'
import { applyTeamRollups, createTestTeam, usageRequest } from './fixtures'

const DAY = 86_400_000
const root = path.resolve(__dirname, '../..')

let team: { id: number; slug: string }
let testModel: string
const proposed = { blockedModels: ['gpt-4o'], maxPricePer1k: '0.004', localDataClasses: ['restricted'], defaultModels: { batch: 'deepseek-v3' } }

// A small deterministic PRNG: the data set is the same on every run.
function rng(seed: number) {
  let s = seed
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
}

beforeAll(async () => {
  await seedCatalog(prisma)
  const t = await createTestTeam()
  team = t.team
  // A test-owned model whose price changes three days ago: the team's default for chat, so moved
  // calls are priced at the old version before the change and the new one after it.
  testModel = `wi-${team.slug}`
  const model = await prisma.model.create({ data: { slug: testModel, displayName: 'What-if test', provider: 'test', family: 'Test', route: 'dense', deployment: 'closed_api' } })
  const change = new Date(Date.now() - 3 * DAY)
  await prisma.priceVersion.create({ data: { modelId: model.id, effectiveFrom: new Date('2025-01-01T00:00:00Z'), effectiveTo: change, input: '1', output: '2', source: 'manual' } })
  await prisma.priceVersion.create({ data: { modelId: model.id, effectiveFrom: change, input: '3', cacheRead: '0.5', output: '4', source: 'manual' } })
  invalidatePricingSnapshot()
  invalidatePolicyCatalog()
  await saveTeamPolicy(prisma, { teamId: team.id, input: { localDataClasses: ['confidential'], blockedModels: ['grok-2'], defaultModels: { chat: testModel } }, actor: { name: 'test' } })

  const random = rng(42)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const models = ['o1', 'gpt-4o', 'deepseek-reasoner', 'claude-3-5-sonnet', 'grok-2', 'deepseek-chat', testModel, 'codellama:13b', 'mystery-model', 'llama3.1:70b']
  const tasks = ['chat', 'classify', 'batch', 'realtime', 'reasoning', 'code', 'summarize']
  const events = Array.from({ length: 400 }, (_, i) => {
    const tags = pick([undefined, { critical: 'true' }, { latency_budget_ms: '5000' }, { latency_budget_ms: '60000' }, { critical: 'false' }])
    const reasoning = random() < 0.3 ? Math.floor(random() * 3000) : 0
    return {
      id: `e${i}`,
      timestamp: new Date(Date.now() - 60_000 - Math.floor(random() * 6 * DAY)).toISOString(),
      model: pick(models),
      task: pick(tasks),
      data_class: pick(['public', 'internal', 'confidential', 'restricted']),
      input_tokens: Math.floor(random() * 5000),
      cache_read_tokens: random() < 0.3 ? Math.floor(random() * 2000) : 0,
      output_tokens: pick([50, 250, 300, 301, 2000]),
      reasoning_tokens: reasoning,
      ...(tags ? { tags } : {}),
    }
  })
  for (let i = 0; i < events.length; i += 200) {
    const res = await postUsage(usageRequest(t.key, { events: events.slice(i, i + 200) }))
    expect(res.status).toBe(200)
  }
  await applyTeamRollups(team.id)
})
afterAll(async () => {
  clearApiKeyCache()
  invalidateTeamPolicyCache()
  await closeProducerQueues()
})

/** The same replay, one stored event at a time, with no SQL aggregation: each event tallied on its own. */
async function replayPerEvent(policy: TeamPolicyRules, mode: WhatIfMode['kind'], from: Date, to: Date) {
  const ctx: PolicyContext = { policy, catalog: await getPolicyCatalog(pool), prices: (await getPricingSnapshot(pool)).prices, budgetState: null }
  const events = await prisma.usageEvent.findMany({ where: { teamId: team.id, ts: { gte: from, lt: to } } })
  const totals = newWhatIfTally()
  const byModel = new Map<string, WhatIfTally>()
  for (const e of events) {
    const buckets = { input: e.inputTokens, cacheRead: e.cacheReadTokens, cacheWrite: e.cacheWriteTokens, output: e.outputTokens, reasoning: e.reasoningTokens }
    const tags = (e.tags as Record<string, string> | null) ?? null
    const subject: PolicySubject = {
      ts: e.ts,
      modelId: e.modelId,
      modelRaw: e.modelId === null ? e.modelRaw : null,
      calls: 1,
      buckets,
      cost: e.cost === null ? null : new Decimal(e.cost.toString()),
      task: e.task,
      dataClass: e.dataClass,
      traits: eventTraits({ task: e.task, buckets, tags }),
      latencyMs: e.latencyMs,
      latencyBudgetMs: parseLatencyBudget(tags),
    }
    const move = moveOf(subject, evaluatePolicy(subject, ctx), mode, ctx, null)
    const key = e.modelId === null ? e.modelRaw : (ctx.catalog.byId.get(e.modelId)?.slug ?? '?')
    if (!byModel.has(key)) byModel.set(key, newWhatIfTally())
    for (const a of [totals, byModel.get(key) as WhatIfTally]) tallyCalls(a, 1, subject.cost, move)
  }
  return { totals: whatIfNumbers(totals), byModel: new Map([...byModel].map(([k, a]) => [k, whatIfNumbers(a)])) }
}

function expectSameAsPerEvent(report: WhatIfReport, perEvent: Awaited<ReturnType<typeof replayPerEvent>>) {
  expect(report.totals).toEqual(perEvent.totals)
  expect(report.by_team).toHaveLength(1)
  const { team_id: _id, team: _slug, policy_version: _v, ...teamNumbers } = report.by_team[0]!
  expect(teamNumbers).toEqual(perEvent.totals)
  expect(new Map(report.by_model.map(({ team_id: _t, team: _s, model, ...n }) => [model, n]))).toEqual(perEvent.byModel)
  const moved = report.moves.reduce((n, m) => n + m.calls, 0)
  expect(moved).toBe(perEvent.totals.moved_calls)
  expect(report.moves.reduce((s, m) => s.plus(m.saving), new Decimal(0)).toFixed()).toBe(perEvent.totals.saving)
}

describe('whatIf', () => {
  it('apply all advice: the grouped replay equals a per-event replay, exactly', async () => {
    const now = new Date()
    const report = await whatIf(pool, { teams: [team.id], days: 7, mode: { kind: 'apply-all-advice' }, now })
    const perEvent = await replayPerEvent(await loadTeamPolicyRules(pool, team.id), 'apply-all-advice', new Date(now.getTime() - 7 * DAY), now)
    expect(perEvent.totals.calls).toBe(400)
    expect(perEvent.totals.moved_calls).toBeGreaterThan(50)
    expect(perEvent.totals.unpriced_calls_before).toBeGreaterThan(0)
    expectSameAsPerEvent(report, perEvent)
    // The default chat model changed price mid-window: calls moved to it on both sides of the change.
    const toTestModel = report.moves.filter((m) => m.to_model === testModel)
    expect(toTestModel.reduce((n, m) => n + m.calls, 0)).toBeGreaterThan(5)
    expect(report.by_team[0]?.policy_version).toBe(1)
  })

  it('a proposed policy: only its own rules move calls, and the numbers equal a per-event replay', async () => {
    const now = new Date()
    const policy = await validateTeamPolicyInput(prisma, proposed)
    const report = await whatIf(pool, { teams: [team.id], days: 7, mode: { kind: 'policy', policy }, now })
    const perEvent = await replayPerEvent(toPolicyRules(policy, null), 'policy', new Date(now.getTime() - 7 * DAY), now)
    expectSameAsPerEvent(report, perEvent)
    expect(new Set(report.moves.map((m) => m.rule.split('.')[0]))).toEqual(new Set(['policy']))
    expect(report.moves.some((m) => m.from_model === 'gpt-4o' && m.rule === 'policy.blocked-model')).toBe(true)
  })

  it('counts only the last N days', async () => {
    const report = await whatIf(pool, { teams: [team.id], days: 1, mode: { kind: 'apply-all-advice' } })
    const inDay = await prisma.usageEvent.count({ where: { teamId: team.id, ts: { gte: new Date(Date.now() - DAY) } } })
    expect(report.totals.calls).toBe(inDay)
    expect(inDay).toBeLessThan(400)
  })

  it('runs from the CLI with the same numbers', { timeout: 120_000 }, async () => {
    const file = path.join(tmpdir(), `policy-${team.slug}.json`)
    await writeFile(file, JSON.stringify(proposed))
    const run = (...args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/ledger.ts', 'what-if', ...args], { cwd: root, env: process.env, timeout: 110_000 }, (err, stdout, stderr) =>
          resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
        ),
      )
    const [json, text, bad] = await Promise.all([
      run('--team', team.slug, '--days', '7', '--policy-file', file, '--json'),
      run('--apply-all-advice', '--team', team.slug),
      run('--team', team.slug, '--days', '0', '--apply-all-advice'),
    ])
    expect(json.stderr).toBe('')
    expect(json.code).toBe(0)
    const fromCli = JSON.parse(json.stdout) as WhatIfReport
    const policy = await validateTeamPolicyInput(prisma, proposed)
    const direct = await whatIf(pool, { teams: [team.id], days: 7, mode: { kind: 'policy', policy }, now: new Date(fromCli.to) })
    expect(fromCli.totals).toEqual(direct.totals)
    expect(text.code).toBe(0)
    expect(text.stdout).toContain(`What if: every call's advice`)
    expect(text.stdout).toMatch(/TEAM\s+FROM\s+TO\s+RULE/)
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringMatching(/--days must be a whole number/) })
  })
})
