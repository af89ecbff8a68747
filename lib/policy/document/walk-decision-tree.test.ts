import { describe, expect, it } from 'vitest'
import { documentCatalog } from '@/lib/catalog/document-catalog'
import { decisionTree, decisionTreeNodes, type DecisionNode, type LeafId, type NodeId } from './decision-tree'
import { listDecisionPaths, walkDecisionTree, type DecisionAnswers } from './walk-decision-tree'

const slugs = new Set(documentCatalog.map((m) => m.slug))

// Every leaf of Part 7, reached by the document's own answers (q6 = the mobile question, asked first).
const leaves: [name: string, answers: DecisionAnswers, leaf: LeafId, models: string[], citation: string][] = [
  ['mobile → Phi-3 or Gemma-2', { q6: true }, 'mobile', ['phi-3', 'gemma-2-2b'], '第七部分 · 快速决策树 · 6️⃣'],
  ['unlimited budget, highest performance → GPT-4o + o1', { q6: false, q1: true, q2: true }, 'max-performance', ['gpt-4o', 'o1'], '第七部分 · 快速决策树 · 2️⃣ 是'],
  ['unlimited budget, not the highest → Claude 3.5 Sonnet', { q6: false, q1: true, q2: false }, 'long-context', ['claude-3-5-sonnet'], '第七部分 · 快速决策树 · 2️⃣ 否'],
  ['limited budget, ≥ $100 a month → DeepSeek-V3', { q6: false, q1: false, q3: false }, 'low-cost-at-scale', ['deepseek-v3'], '第七部分 · 快速决策树 · 3️⃣ 否'],
  ['< $100, data may leave → DeepSeek-V3 (open API)', { q6: false, q1: false, q3: true, q4: false }, 'open-api', ['deepseek-v3'], '第七部分 · 快速决策树 · 4️⃣ 否'],
  ['< $100, local data, GPUs → Llama 3.1 70B', { q6: false, q1: false, q3: true, q4: true, q5: true }, 'local-gpu', ['llama-3.1-70b'], '第七部分 · 快速决策树 · 5️⃣ 是'],
  ['< $100, local data, no GPUs → DeepSeek-V3 self-hosted → Llama API', { q6: false, q1: false, q3: true, q4: true, q5: false }, 'local-no-gpu', ['deepseek-v3', 'llama-3.1-405b'], '第七部分 · 快速决策树 · 5️⃣ 否'],
]

describe('walkDecisionTree', () => {
  it.each(leaves)('%s', (_name, answers, leafId, models, citation) => {
    const walk = walkDecisionTree(answers)
    expect(walk.status).toBe('done')
    if (walk.status !== 'done') return
    expect(walk.leaf.id).toBe(leafId)
    expect(walk.leaf.models).toEqual(models)
    expect(walk.leaf.citation).toBe(citation)
    expect(walk.path.map((s) => [s.question.id, s.answer])).toEqual(Object.entries(answers))
  })

  it('the table covers every leaf, and every leaf is reachable', () => {
    const reached = listDecisionPaths().map((p) => p.leaf.id).sort()
    const all = Object.values(decisionTreeNodes).filter((n) => n.kind === 'leaf').map((n) => n.id).sort()
    expect(reached).toEqual(all)
    expect(leaves.map((l) => l[2]).sort()).toEqual(all)
  })

  it('every listed path walks to its leaf', () => {
    for (const p of listDecisionPaths()) {
      const walk = walkDecisionTree(p.answers)
      expect(walk.status === 'done' && walk.leaf.id).toBe(p.leaf.id)
    }
  })

  it('stops at the first unanswered question on the path', () => {
    expect(walkDecisionTree({})).toMatchObject({ status: 'needs-answer', question: { id: 'q6' }, path: [] })
    const walk = walkDecisionTree({ q6: false, q1: false, q4: true })
    expect(walk).toMatchObject({ status: 'needs-answer', question: { id: 'q3' } })
  })

  it('ignores answers to questions off the path', () => {
    const walk = walkDecisionTree({ q6: false, q1: true, q2: false, q3: true, q4: true, q5: true })
    expect(walk.status === 'done' && walk.leaf.id).toBe('long-context')
    expect(walk.path).toHaveLength(3)
  })

  it('walks an edited tree and refuses a cycle', () => {
    const edited: Record<NodeId, DecisionNode> = { ...decisionTreeNodes, q1: { ...(decisionTreeNodes.q1 as Extract<DecisionNode, { kind: 'question' }>), yes: 'q6' } }
    expect(() => walkDecisionTree({ q6: false, q1: true }, { root: 'q6', nodes: edited })).toThrow(/cycle/)
    expect(() => listDecisionPaths({ root: 'q6', nodes: edited })).toThrow(/cycle/)
  })
})

describe('decision tree data', () => {
  it('names only catalog models, cites every node, and links only to existing nodes', () => {
    for (const node of Object.values(decisionTree.nodes)) {
      expect(node.citation).toMatch(/^第七部分 · 快速决策树 · /)
      if (node.kind === 'leaf') {
        expect(node.models.length).toBeGreaterThan(0)
        for (const m of node.models) expect(slugs.has(m), m).toBe(true)
      } else {
        expect(decisionTree.nodes[node.yes]).toBeDefined()
        expect(decisionTree.nodes[node.no]).toBeDefined()
      }
    }
  })

  it('models the dangling 6️⃣ as the root, with its interpretation stated', () => {
    expect(decisionTree.root).toBe('q6')
    const q6 = decisionTree.nodes.q6
    expect(q6.kind === 'question' && q6.no).toBe('q1')
    expect(q6.kind === 'question' && q6.note).toMatch(/no edge leading to it/)
  })
})
