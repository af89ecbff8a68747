import { describe, expect, it } from 'vitest'
import { documentCatalog } from '@/lib/catalog/document-catalog'
import { guidance, preferredModels, ruleDefinitions, technicalRouteOf } from './guidance'

const catalog = new Map(documentCatalog.map((m) => [m.slug, m]))

describe('the document as data', () => {
  it('names only catalog slugs everywhere', () => {
    const named = [
      ...guidance.technicalRoutes.flatMap((r) => [...r.members, ...(r.mostMature ?? [])]),
      ...guidance.modelGuidance.flatMap((g) => g.models),
      ...guidance.questionnaire.flatMap((a) => a.recommended),
      ...ruleDefinitions.flatMap((r) => r.candidates),
      guidance.o1VersusR1.criticalBusiness.model,
      guidance.o1VersusR1.internalTools.model,
    ]
    for (const slug of named) expect(catalog.has(slug), slug).toBe(true)
  })

  it('puts each route member in the route the catalog gives it', () => {
    for (const route of guidance.technicalRoutes) for (const slug of route.members) expect(catalog.get(slug)?.route, slug).toBe(route.id)
    expect(technicalRouteOf('reasoning').whenToChoose.map((w) => w.zh)).toContain('用户愿意等待（30-60 秒）')
  })

  it('has the A–F questionnaire in order, each answer cited, with reasons and a cost', () => {
    expect(guidance.questionnaire.map((a) => a.id)).toEqual(['A', 'B', 'C', 'D', 'E', 'F'])
    for (const a of guidance.questionnaire) {
      expect(a.citation).toMatch(new RegExp(`^第四部分 · 问卷式选择 · ${a.id}\\. `))
      expect(a.reasons.length).toBeGreaterThan(0)
      expect(a.cost.zh).not.toBe('')
    }
  })

  it('keeps the Part 5 anti-uses the rules quote', () => {
    const reasoning = guidance.modelGuidance.find((g) => g.models.includes('deepseek-r1'))
    expect(reasoning?.antiUses.map((u) => u.zh)).toEqual(['实时客服（太慢，30 秒延迟不可接受）', '简单问题（成本白浪费）'])
    expect(guidance.modelGuidance.find((g) => g.models.includes('gpt-4o'))?.antiUses[0]?.zh).toMatch(/推理能力有天花板/)
  })

  it('gives every rule a unique id and a citation', () => {
    expect(new Set(ruleDefinitions.map((r) => r.id)).size).toBe(ruleDefinitions.length)
    for (const r of ruleDefinitions) expect(r.citation.trim(), r.id).not.toBe('')
  })
})

describe('preferredModels', () => {
  const base = { task: null, critical: false, latencySensitive: false, mustStayLocal: false, prefersLocal: false } as const
  it.each([
    ['a plain chat call: best value, then the strongest general models', { ...base, task: 'chat' as const }, ['deepseek-v3', 'gpt-4o', 'claude-3-5-sonnet']],
    ['maths, internal: R1 before o1', { ...base, task: 'math' as const }, ['deepseek-r1', 'o1', 'deepseek-v3', 'gpt-4o', 'claude-3-5-sonnet']],
    ['maths, critical business: o1 before R1', { ...base, task: 'math' as const, critical: true }, ['o1', 'deepseek-r1', 'gpt-4o', 'claude-3-5-sonnet', 'deepseek-v3']],
    ['real time: the fast local models first', { ...base, task: 'realtime' as const }, ['llama-3.1-70b', 'phi-3', 'deepseek-v3', 'gpt-4o', 'claude-3-5-sonnet']],
    ['local data: the privacy models first', { ...base, task: 'extract' as const, mustStayLocal: true }, ['llama-3.1-70b', 'mistral-large', 'deepseek-v3', 'gpt-4o', 'claude-3-5-sonnet']],
    ['embeddings: the document has none', { ...base, task: 'embedding' as const }, []],
  ])('%s', (_name, needs, expected) => {
    expect(preferredModels(needs).map((p) => p.slug)).toEqual(expected)
  })

  it('cites the questionnaire answer behind each model', () => {
    const [first] = preferredModels({ ...base, task: 'math', critical: true })
    expect(first?.citation).toContain('第四部分 · 问卷式选择 · B.')
    expect(first?.citation).toContain('o1 vs DeepSeek-R1')
  })
})
