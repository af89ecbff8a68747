import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Decimal } from '@/lib/pricing/decimal'
import { chooseAdvice } from './choose-advice'
import { evaluatePolicy, topFinding } from './evaluate-policy'
import { fixtureContext, idOf, subject, type ExtraPrice } from './test-fixtures'
import type { BudgetState, PolicySubject, TeamPolicyRules } from './types'

// Default call: 1000 input + 200 output tokens at the document's blended prices (USD / 1M):
// o1 20 → 0.024, gpt-4o 5 → 0.006, claude 3 → 0.0036, R1 0.55 → 0.00066, V3 0.5 → 0.0006,
// Llama 405B 0.4 → 0.00048, Llama 70B 0 → 0; Mistral Large and Code Llama have no price.

type Expect = { ruleId: string; severity: string; suggested: string | null; saving: string | null; source?: string | null } | null
type Case = [
  name: string,
  model: string,
  over: Parameters<typeof subject>[1],
  policy: Partial<TeamPolicyRules>,
  expected: Expect,
  opts?: { budgetState?: BudgetState; extraPrices?: ExtraPrice[] },
]

const d = (v: string) => new Decimal(v)
const budget = (spent: string, forecast: string, limit = '100'): BudgetState => ({ spent: d(spent), forecast: d(forecast), budget: d(limit) })

const cases: Case[] = [
  // (1) reasoning model on a simple task
  ['o1 on classify → the cheaper of GPT-4o / V3', 'o1', { task: 'classify' }, {}, { ruleId: 'doc.reasoning-on-simple-task', severity: 'saving', suggested: 'deepseek-v3', saving: '0.0234' }],
  ['o1 on classify, V3 blocked → GPT-4o', 'o1', { task: 'classify' }, { blockedModels: ['deepseek-v3'] }, { ruleId: 'doc.reasoning-on-simple-task', severity: 'saving', suggested: 'gpt-4o', saving: '0.018' }],
  ['o1 on extract, allow-list without V3 → GPT-4o', 'o1', { task: 'extract' }, { allowedModels: ['o1', 'gpt-4o'] }, { ruleId: 'doc.reasoning-on-simple-task', severity: 'saving', suggested: 'gpt-4o', saving: '0.018' }],
  ['o1 on summarize tagged critical → GPT-4o first (stability)', 'o1', { task: 'summarize', traits: { criticalTag: true } }, {}, { ruleId: 'doc.reasoning-on-simple-task', severity: 'saving', suggested: 'gpt-4o', saving: '0.018' }],
  ['o1 on a short chat answer', 'o1', { task: 'chat' }, {}, { ruleId: 'doc.reasoning-on-simple-task', severity: 'saving', suggested: 'deepseek-v3', saving: '0.0234' }],
  // 1700 tokens: o1 0.034, R1 0.000935
  ['o1 chat with reasoning tokens is not simple → R1 for internal work', 'o1', { task: 'chat', buckets: { reasoning: 500 } }, {}, { ruleId: 'doc.o1-for-internal-tools', severity: 'saving', suggested: 'deepseek-r1', saving: '0.033065' }],
  ['o1 on maths for a critical team: nothing to say', 'o1', { task: 'math', buckets: { output: 2000 } }, { critical: true }, null],
  // (2) reasoning model on real-time
  ['R1 on realtime → a fast local model, price from the document', 'deepseek-r1', { task: 'realtime' }, {}, { ruleId: 'doc.reasoning-on-realtime', severity: 'warning', suggested: 'llama-3.1-70b', saving: '0.00066', source: 'document' }],
  ['R1 with a 5 s latency budget', 'deepseek-r1', { task: 'chat', latencyBudgetMs: 5000, traits: { latencySensitive: true } }, {}, { ruleId: 'doc.reasoning-on-realtime', severity: 'warning', suggested: 'llama-3.1-70b', saving: '0.00066' }],
  ['R1 on realtime, local models blocked → GPT-4o costs more', 'deepseek-r1', { task: 'realtime' }, { blockedModels: ['llama-3.1-70b', 'phi-3'] }, { ruleId: 'doc.reasoning-on-realtime', severity: 'warning', suggested: 'gpt-4o', saving: '-0.00534' }],
  // (3) confidential data to a closed API
  ['confidential on GPT-4o → Llama 3.1 70B', 'gpt-4o', { task: 'chat', dataClass: 'confidential' }, {}, { ruleId: 'doc.confidential-to-closed-api', severity: 'warning', suggested: 'llama-3.1-70b', saving: '0.006', source: 'document' }],
  ['confidential on GPT-4o, local by team policy → risk', 'gpt-4o', { task: 'chat', dataClass: 'confidential' }, { localDataClasses: ['confidential'] }, { ruleId: 'policy.local-data-class', severity: 'risk', suggested: 'llama-3.1-70b', saving: '0.006' }],
  ['restricted on the V3 API, local by policy → risk', 'deepseek-v3', { task: 'extract', dataClass: 'restricted' }, { localDataClasses: ['restricted'] }, { ruleId: 'policy.local-data-class', severity: 'risk', suggested: 'llama-3.1-70b', saving: '0.0006' }],
  ['local data class, Llama 70B blocked → Mistral Large, unpriced: saving unknown', 'gpt-4o', { task: 'chat', dataClass: 'confidential' }, { localDataClasses: ['confidential'], blockedModels: ['llama-3.1-70b'] }, { ruleId: 'policy.local-data-class', severity: 'risk', suggested: 'mistral-large', saving: null }],
  ['local model on local data: nothing', 'llama-3.1-70b', { task: 'summarize', dataClass: 'confidential' }, { localDataClasses: ['confidential'] }, null],
  ['an infrastructure-priced local suggestion says so', 'gpt-4o', { task: 'chat', dataClass: 'restricted' }, {}, { ruleId: 'doc.confidential-to-closed-api', severity: 'warning', suggested: 'llama-3.1-70b', saving: '0.00588', source: 'infrastructure' }, { extraPrices: [{ slug: 'llama-3.1-70b', input: '0.1', source: 'infrastructure' }] }],
  // (4) batch on a premium closed model
  ['batch on GPT-4o → V3', 'gpt-4o', { task: 'batch' }, {}, { ruleId: 'doc.batch-on-premium', severity: 'saving', suggested: 'deepseek-v3', saving: '0.0054' }],
  ['batch on Claude, V3 blocked → Llama 405B', 'claude-3-5-sonnet', { task: 'batch' }, { blockedModels: ['deepseek-v3'] }, { ruleId: 'doc.batch-on-premium', severity: 'saving', suggested: 'llama-3.1-405b', saving: '0.00312' }],
  ['batch on V3 already: nothing', 'deepseek-v3', { task: 'batch' }, {}, null],
  // (5) team policy
  ['blocked GPT-4o on chat → V3 (Part 4 C)', 'gpt-4o', { task: 'chat' }, { blockedModels: ['gpt-4o'] }, { ruleId: 'policy.blocked-model', severity: 'warning', suggested: 'deepseek-v3', saving: '0.0054' }],
  ['blocked GPT-4o on chat → the team default first', 'gpt-4o', { task: 'chat' }, { blockedModels: ['gpt-4o'], defaultModels: { chat: 'claude-3-5-sonnet' } }, { ruleId: 'policy.blocked-model', severity: 'warning', suggested: 'claude-3-5-sonnet', saving: '0.0024' }],
  ['blocked o1 on classify outranks the saving rule', 'o1', { task: 'classify' }, { blockedModels: ['o1'] }, { ruleId: 'policy.blocked-model', severity: 'warning', suggested: 'deepseek-v3', saving: '0.0234' }],
  ['not allowed: V3 outside the allow-list → GPT-4o, costs more', 'deepseek-v3', { task: 'chat' }, { allowedModels: ['gpt-4o', 'claude-3-5-sonnet'] }, { ruleId: 'policy.not-allowed', severity: 'warning', suggested: 'gpt-4o', saving: '-0.0054' }],
  ['not allowed: an unmatched model, unpriced → saving unknown', 'my-finetune-v2', { task: 'extract' }, { allowedModels: ['gpt-4o'] }, { ruleId: 'policy.not-allowed', severity: 'warning', suggested: 'gpt-4o', saving: null }],
  ['over the price cap: GPT-4o $0.005/1K > $0.004/1K → V3', 'gpt-4o', { task: 'chat' }, { maxPricePer1k: d('0.004') }, { ruleId: 'policy.over-price-cap', severity: 'warning', suggested: 'deepseek-v3', saving: '0.0054' }],
  ['at the price cap exactly: nothing', 'gpt-4o', { task: 'chat' }, { maxPricePer1k: d('0.005') }, null],
  ['the cap also filters suggestions: o1 classify, cap 0.001 → V3 not GPT-4o', 'o1', { task: 'classify', traits: { criticalTag: true } }, { maxPricePer1k: d('0.001') }, { ruleId: 'policy.over-price-cap', severity: 'warning', suggested: 'deepseek-v3', saving: '0.0234' }],
  ['default model for the task not used → info', 'gpt-4o', { task: 'chat' }, { defaultModels: { chat: 'deepseek-v3' } }, { ruleId: 'policy.default-model', severity: 'info', suggested: 'deepseek-v3', saving: '0.0054' }],
  ['default model unpriced (Code Llama) → saving unknown, never 0', 'gpt-4o', { task: 'code' }, { defaultModels: { code: 'code-llama' } }, { ruleId: 'policy.default-model', severity: 'info', suggested: 'code-llama', saving: null }],
  ['default model used: nothing', 'deepseek-v3', { task: 'chat' }, { defaultModels: { chat: 'deepseek-v3' } }, null],
  // (6) budget pressure
  ['over budget → V3 for non-critical work', 'gpt-4o', { task: 'chat' }, {}, { ruleId: 'budget.over-budget', severity: 'saving', suggested: 'deepseek-v3', saving: '0.0054' }, { budgetState: budget('120', '150') }],
  ['forecast over budget → V3', 'claude-3-5-sonnet', { task: 'summarize' }, {}, { ruleId: 'budget.over-budget', severity: 'saving', suggested: 'deepseek-v3', saving: '0.003' }, { budgetState: budget('50', '110') }],
  ['under budget: nothing', 'gpt-4o', { task: 'chat' }, {}, null, { budgetState: budget('50', '90') }],
  ['over budget but critical: nothing', 'gpt-4o', { task: 'chat', traits: { criticalTag: true } }, {}, null, { budgetState: budget('120', '150') }],
  ['over budget, already the cheapest: nothing', 'deepseek-v3', { task: 'chat' }, {}, null, { budgetState: budget('120', '150') }],
  // (7) critical business on R1
  ['critical team on R1 → o1 as a risk (costs more)', 'deepseek-r1', { task: 'reasoning', buckets: { reasoning: 1000 } }, { critical: true }, { ruleId: 'doc.critical-on-r1', severity: 'risk', suggested: 'o1', saving: '-0.04279' }],
  ['critical tag on R1, o1 blocked → risk without a suggestion', 'deepseek-r1', { task: 'math', traits: { criticalTag: true } }, { blockedModels: ['o1'] }, { ruleId: 'doc.critical-on-r1', severity: 'risk', suggested: null, saving: null }],
  ['R1 for internal work: nothing', 'deepseek-r1', { task: 'math', buckets: { output: 2000 } }, {}, null],
  // Part 5 GPT-4o ❌
  ['GPT-4o on maths → R1 (info)', 'gpt-4o', { task: 'math' }, {}, { ruleId: 'doc.gpt-4o-reasoning-ceiling', severity: 'info', suggested: 'deepseek-r1', saving: '0.00534' }],
  ['GPT-4o on maths, critical → o1', 'gpt-4o', { task: 'math', traits: { criticalTag: true } }, {}, { ruleId: 'doc.gpt-4o-reasoning-ceiling', severity: 'info', suggested: 'o1', saving: '-0.018' }],
  ['GPT-4o on realtime: nothing', 'gpt-4o', { task: 'realtime' }, {}, null],
]

describe('evaluatePolicy: the most important finding', () => {
  it.each(cases)('%s', (_name, model, over, policy, expected, opts) => {
    const ctx = fixtureContext(policy, opts)
    const top = evaluatePolicy(subject(model, over, ctx), ctx)[0] ?? null
    if (expected === null) return expect(top).toBeNull()
    expect({
      ruleId: top?.ruleId,
      severity: top?.severity,
      suggested: top?.suggestedModel,
      saving: top?.estimatedSaving?.toFixed() ?? null,
      ...(expected.source !== undefined ? { source: top?.suggestionPriceSource ?? null } : {}),
    }).toEqual(expected)
    expect(top?.savingKnown).toBe(expected.saving !== null)
    expect(top?.citation).not.toBe('')
    expect(top?.reason).toMatch(/\S/)
  })

  it('never suggests a model the policy blocks or does not allow', () => {
    const policies: Partial<TeamPolicyRules>[] = [
      { blockedModels: ['deepseek-v3', 'gpt-4o', 'llama-3.1-70b'] },
      { allowedModels: ['o1', 'deepseek-r1', 'claude-3-5-sonnet'] },
      { localDataClasses: ['confidential'], blockedModels: ['llama-3.1-70b'] },
    ]
    const models = ['o1', 'deepseek-r1', 'gpt-4o', 'claude-3-5-sonnet', 'deepseek-v3', 'grok-2']
    const tasks = ['classify', 'chat', 'realtime', 'batch', 'math', 'code'] as const
    for (const policy of policies) {
      const ctx = fixtureContext({ ...policy, critical: false })
      for (const model of models)
        for (const task of tasks)
          for (const f of evaluatePolicy(subject(model, { task, dataClass: 'confidential' }, ctx), ctx)) {
            if (f.suggestedModel === null) continue
            expect(policy.blockedModels ?? []).not.toContain(f.suggestedModel)
            if (policy.allowedModels) expect(policy.allowedModels).toContain(f.suggestedModel)
            expect(f.suggestedModel).not.toBe(model)
          }
    }
  })

  it('reports every applicable rule, most severe first, in rule order within a severity', () => {
    const ctx = fixtureContext({ blockedModels: ['o1'] }, { budgetState: budget('200', '300') })
    const ids = evaluatePolicy(subject('o1', { task: 'classify', dataClass: 'internal' }, ctx), ctx).map((f) => f.ruleId)
    expect(ids).toEqual(['policy.blocked-model', 'doc.reasoning-on-simple-task', 'doc.o1-for-internal-tools', 'budget.over-budget'])
  })

  it('drops a saving with no permitted target, keeps a risk without one', () => {
    // Restricted data must stay local: the cheaper cloud models are not permitted, so the saving rules go quiet.
    const ctx = fixtureContext({ blockedModels: ['o1'], localDataClasses: ['restricted'] })
    const ids = evaluatePolicy(subject('o1', { task: 'classify', dataClass: 'restricted' }, ctx), ctx).map((f) => f.ruleId)
    expect(ids).toEqual(['policy.local-data-class', 'policy.blocked-model'])
  })

  it('prices a group of like calls exactly as the sum of its calls (savings are linear in tokens)', () => {
    const ctx = fixtureContext()
    const bucket = fc.integer({ min: 0, max: 2_000_000 })
    const call = fc.record({ input: bucket, cacheRead: bucket, cacheWrite: bucket, output: fc.integer({ min: 0, max: 300 }), reasoning: fc.constant(0) })
    fc.assert(
      fc.property(fc.array(call, { minLength: 1, maxLength: 20 }), (calls) => {
        const one = calls.map((b) => subject('o1', { task: 'classify', buckets: b }, ctx))
        const sum = (pick: (s: PolicySubject) => number) => one.reduce((n, s) => n + pick(s), 0)
        const group = subject(
          'o1',
          { task: 'classify', calls: one.length, buckets: { input: sum((s) => s.buckets.input), cacheRead: sum((s) => s.buckets.cacheRead), cacheWrite: sum((s) => s.buckets.cacheWrite), output: sum((s) => s.buckets.output), reasoning: 0 } },
          ctx,
        )
        const perCall = one.map((s) => evaluatePolicy(s, ctx)[0]?.estimatedSaving ?? d('NaN')).reduce((a, b) => a.plus(b), d('0'))
        expect(evaluatePolicy(group, ctx)[0]?.estimatedSaving?.equals(perCall)).toBe(true)
      }),
      { numRuns: 200 },
    )
  })
})

describe('topFinding', () => {
  it('is the first finding evaluatePolicy reports, for any call, policy and budget state', () => {
    const models = ['o1', 'deepseek-r1', 'gpt-4o', 'claude-3-5-sonnet', 'deepseek-v3', 'llama-3.1-70b', 'code-llama', 'grok-2', 'my-finetune-v2']
    const slug = fc.constantFrom(...models.slice(0, -1))
    const policy = fc.record(
      {
        blockedModels: fc.uniqueArray(slug, { maxLength: 3 }),
        allowedModels: fc.uniqueArray(slug, { maxLength: 4 }),
        localDataClasses: fc.uniqueArray(fc.constantFrom('confidential', 'restricted', 'internal'), { maxLength: 2 }),
        defaultModels: fc.dictionary(fc.constantFrom('chat', 'classify', 'batch', 'math', 'code'), slug, { maxKeys: 3 }),
        maxPricePer1k: fc.option(fc.constantFrom('0.0001', '0.001', '0.004', '0.005', '0.02').map(d)),
        critical: fc.boolean(),
      },
      { requiredKeys: [] },
    )
    const budgetState = fc.option(fc.constantFrom(budget('120', '150'), budget('50', '110'), budget('10', '20')))
    const call = fc.record({
      model: fc.constantFrom(...models),
      task: fc.option(fc.constantFrom('chat', 'classify', 'extract', 'summarize', 'translate', 'batch', 'math', 'reasoning', 'realtime', 'code')),
      dataClass: fc.option(fc.constantFrom('public', 'internal', 'confidential', 'restricted')),
      output: fc.integer({ min: 0, max: 2000 }),
      reasoning: fc.integer({ min: 0, max: 500 }),
      criticalTag: fc.boolean(),
      latencySensitive: fc.boolean(),
    })
    fc.assert(
      fc.property(policy, budgetState, call, (p, b, c) => {
        const ctx = fixtureContext(p as Partial<TeamPolicyRules>, { budgetState: b })
        const s = subject(c.model, { task: c.task as PolicySubject['task'], dataClass: c.dataClass as PolicySubject['dataClass'], buckets: { output: c.output, reasoning: c.reasoning }, traits: { criticalTag: c.criticalTag, latencySensitive: c.latencySensitive } }, ctx)
        expect(topFinding(s, ctx)).toEqual(evaluatePolicy(s, ctx)[0] ?? null)
      }),
      { numRuns: 1000 },
    )
  })
})

describe('chooseAdvice', () => {
  it('turns the top finding into the stored advice with the catalog id', () => {
    const ctx = fixtureContext()
    const advice = chooseAdvice(evaluatePolicy(subject('o1', { task: 'classify' }, ctx), ctx), ctx.catalog)
    expect(advice).toEqual({ rule: 'doc.reasoning-on-simple-task', severity: 'saving', suggestedModelId: idOf('deepseek-v3'), estimatedSaving: d('0.0234') })
  })

  it('keeps an unknown saving null, never 0', () => {
    const ctx = fixtureContext({ defaultModels: { code: 'code-llama' } })
    const advice = chooseAdvice(evaluatePolicy(subject('gpt-4o', { task: 'code' }, ctx), ctx), ctx.catalog)
    expect(advice).toEqual({ rule: 'policy.default-model', severity: 'info', suggestedModelId: idOf('code-llama'), estimatedSaving: null })
  })

  it('no findings → no advice', () => {
    const ctx = fixtureContext()
    expect(chooseAdvice(evaluatePolicy(subject('deepseek-v3', { task: 'chat' }, ctx), ctx), ctx.catalog)).toBeNull()
  })
})
