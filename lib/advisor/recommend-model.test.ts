import { describe, expect, it } from 'vitest'
import { Decimal } from '@/lib/pricing/decimal'
import { evaluatePolicy } from '@/lib/policy/evaluate-policy'
import { fixtureContext, subject } from '@/lib/policy/test-fixtures'
import type { TeamPolicyRules } from '@/lib/policy/types'
import { recommendModel, type RouteRequest } from './recommend-model'

const NOW = new Date('2026-11-20T12:00:00Z')

// Default sizes: 1000 in + 1000 out → V3 0.001, R1 0.0011, Claude 0.006, GPT-4o 0.01, o1 0.04, Llama 70B 0.
const cases: [name: string, req: RouteRequest, policy: Partial<TeamPolicyRules>, model: string | null, cost: string | null, citation: RegExp][] = [
  ['plain chat → best value', { task: 'chat', dataClass: 'internal' }, {}, 'deepseek-v3', '0.001', /C\. 最佳性价比/],
  ['chat, V3 blocked → GPT-4o', { task: 'chat', dataClass: 'internal' }, { blockedModels: ['deepseek-v3'] }, 'gpt-4o', '0.01', /A\. 最强通用能力/],
  ['chat, allow-list Claude only → Claude', { task: 'chat', dataClass: 'public' }, { allowedModels: ['claude-3-5-sonnet'] }, 'claude-3-5-sonnet', '0.006', /A\. 最强通用能力/],
  ['critical chat → GPT-4o (A first)', { task: 'chat', dataClass: 'internal', critical: true }, {}, 'gpt-4o', '0.01', /A\. 最强通用能力/],
  ['critical chat, price cap $0.004/1K → Claude', { task: 'chat', dataClass: 'internal', critical: true }, { maxPricePer1k: new Decimal('0.004') }, 'claude-3-5-sonnet', '0.006', /A\./],
  ['maths, internal → R1', { task: 'math', dataClass: 'internal' }, {}, 'deepseek-r1', '0.0011', /B\. 最高推理能力.*内部工具|o1 vs DeepSeek-R1/],
  ['maths for a critical team → o1', { task: 'math', dataClass: 'internal' }, { critical: true }, 'o1', '0.04', /o1 vs DeepSeek-R1/],
  ['maths with a 5 s budget → a fast model', { task: 'math', dataClass: 'internal', latencyBudgetMs: 5000 }, {}, 'llama-3.1-70b', '0', /D\. 最快的速度/],
  ['realtime → local Llama 70B at the document price 0', { task: 'realtime', dataClass: 'public' }, {}, 'llama-3.1-70b', '0', /D\. 最快的速度/],
  ['realtime with a team default → the default', { task: 'realtime', dataClass: 'public' }, { defaultModels: { realtime: 'gpt-4o' } }, 'gpt-4o', '0.01', /team policy v1 · defaultModels/],
  ['confidential → a local model (Part 4 E)', { task: 'summarize', dataClass: 'confidential' }, {}, 'llama-3.1-70b', '0', /E\. 隐私第一/],
  ['restricted kept local, Llama blocked → Mistral Large, unpriced', { task: 'extract', dataClass: 'restricted' }, { localDataClasses: ['restricted'], blockedModels: ['llama-3.1-70b'] }, 'mistral-large', null, /E\. 隐私第一/],
  ['batch → V3', { task: 'batch', dataClass: 'internal', expectedInputTokens: 2000, expectedOutputTokens: 100 }, {}, 'deepseek-v3', '0.00105', /C\./],
  ['classify, only o1 offered → o1, noting the cheaper option', { task: 'classify', dataClass: 'internal', candidates: ['o1'] }, {}, 'o1', '0.04', /request · candidates|B\./],
  ['embeddings → none', { task: 'embedding', dataClass: 'internal' }, {}, null, null, /^$/],
  ['everything forbidden → none', { task: 'chat', dataClass: 'internal', candidates: ['gpt-4o'] }, { blockedModels: ['gpt-4o'] }, null, null, /^$/],
]

describe('recommendModel', () => {
  it.each(cases)('%s', (_name, req, policy, model, cost, citation) => {
    const r = recommendModel(req, fixtureContext(policy), NOW)
    expect(r.model).toBe(model)
    expect(r.estimatedCost?.toFixed() ?? null).toBe(cost)
    expect(r.citation).toMatch(citation)
    expect(r.reason).toMatch(/\S/)
    for (const a of r.alternatives) expect(a.whyNot).toMatch(/\S/)
  })

  it('says why the document’s first choice was not taken when the policy forbids it', () => {
    const r = recommendModel({ task: 'chat', dataClass: 'internal' }, fixtureContext({ blockedModels: ['deepseek-v3'] }), NOW)
    const v3 = r.alternatives.find((a) => a.model === 'deepseek-v3')
    expect(v3?.whyNot).toMatch(/blocked by the team policy/)
    expect(v3?.estimatedCost?.toFixed()).toBe('0.001')
    expect(r.alternatives.find((a) => a.model === 'claude-3-5-sonnet')?.whyNot).toMatch(/^Ranked below gpt-4o/)
  })

  it('notes the cheaper option and the reasoning tokens when only a pricier reasoning model is offered', () => {
    const r = recommendModel({ task: 'classify', dataClass: 'internal', candidates: ['o1'] }, fixtureContext(), NOW)
    expect(r.reason).toMatch(/cheaper option/)
    expect(r.reason).toMatch(/reasoning tokens/)
  })

  it('names the price source of a local recommendation', () => {
    const r = recommendModel({ task: 'realtime', dataClass: 'public' }, fixtureContext({}, { extraPrices: [{ slug: 'llama-3.1-70b', input: '0.2', source: 'infrastructure' }] }), NOW)
    expect(r).toMatchObject({ model: 'llama-3.1-70b', priceSource: 'infrastructure' })
    expect(r.estimatedCost?.toFixed()).toBe('0.0004')
  })

  it('never recommends a model that would draw a warning or risk at ingest', () => {
    const tasks = ['chat', 'code', 'math', 'reasoning', 'realtime', 'batch', 'summarize', 'extract', 'classify', 'translate', 'other'] as const
    const classes = ['public', 'internal', 'confidential', 'restricted'] as const
    const policies: Partial<TeamPolicyRules>[] = [{}, { critical: true }, { localDataClasses: ['confidential', 'restricted'] }, { blockedModels: ['deepseek-v3', 'llama-3.1-70b'] }, { maxPricePer1k: new Decimal('0.001') }]
    for (const policy of policies)
      for (const task of tasks)
        for (const dataClass of classes) {
          const ctx = fixtureContext(policy)
          const r = recommendModel({ task, dataClass }, ctx, NOW)
          if (r.model === null) continue
          const findings = evaluatePolicy(subject(r.model, { ts: NOW, task, dataClass, buckets: { input: 1000, output: 1000 }, traits: { smallOutput: false } }, ctx), ctx)
          expect(findings.filter((f) => f.severity === 'warning' || f.severity === 'risk').map((f) => f.ruleId), `${task}/${dataClass}/${JSON.stringify(policy)}`).toEqual([])
        }
  })
})
