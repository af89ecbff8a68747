import { describe, expect, it } from 'vitest'
import { decisionTree, listDecisionPaths, type DecisionNode, type NodeId } from '@/lib/policy/guidance'
import { layoutDecisionTree, wrapText } from './layout-decision-tree'

describe('layoutDecisionTree', () => {
  const layout = layoutDecisionTree(decisionTree)
  const at = new Map(layout.nodes.map((n) => [n.id, n]))

  it('places every node once and draws a yes and a no edge per question', () => {
    expect(layout.nodes.map((n) => n.id).sort()).toEqual(Object.keys(decisionTree.nodes).sort())
    const questions = Object.values(decisionTree.nodes).filter((n) => n.kind === 'question').length
    expect(layout.edges).toHaveLength(questions * 2)
  })

  it('gives each leaf its own column and centres each question over its answers', () => {
    const leaves = layout.nodes.filter((n) => n.node.kind === 'leaf')
    expect(new Set(leaves.map((l) => l.column)).size).toBe(leaves.length)
    expect(layout.columns).toBe(leaves.length)
    for (const n of layout.nodes) {
      if (n.node.kind !== 'question') continue
      const yes = at.get(n.node.yes)
      const no = at.get(n.node.no)
      expect(n.column).toBe(((yes?.column ?? NaN) + (no?.column ?? NaN)) / 2)
      expect(yes?.depth).toBe(n.depth + 1)
    }
  })

  it('the sequence stored on each leaf is the path that reaches it', () => {
    for (const p of listDecisionPaths()) expect(at.get(p.leaf.id)?.sequence).toHaveLength(Object.keys(p.answers).length)
    expect(at.get('max-performance')?.sequence).toEqual([false, true, true])
    expect(layout.rows).toBe(6)
  })

  it('refuses a cycle', () => {
    const q1 = decisionTree.nodes.q1 as Extract<DecisionNode, { kind: 'question' }>
    const nodes = { ...decisionTree.nodes, q1: { ...q1, yes: 'q6' } } as Record<NodeId, DecisionNode>
    expect(() => layoutDecisionTree({ root: 'q6', nodes })).toThrow(/cycle/)
  })
})

describe('wrapText', () => {
  it.each([
    ['Will it run on a mobile device?', 20, ['Will it run on a', 'mobile device?']],
    ['short', 20, ['short']],
    ['a b c d e f g h', 3, ['a b', 'c d', 'e f…']],
    ['Supercalifragilistic word', 10, ['Supercalifragilistic', 'word']],
  ] as const)('%s', (text, width, lines) => {
    expect(wrapText(text, width)).toEqual(lines)
  })
})
