import { describe, expect, it } from 'vitest'
import { listDecisionPaths, walkDecisionTree } from '@/lib/policy/guidance'
import { answersFromSequence, encodeSequence, sequenceFromAnswers } from './decision-path'

const cases: [name: string, query: string, sequence: string, answers: Record<string, boolean>][] = [
  ['empty', '', '', {}],
  ['not mobile, unlimited, highest performance', 'no,yes,yes', 'no,yes,yes', { q6: false, q1: true, q2: true }],
  ['tokens are case- and space-tolerant', ' No , YES ', 'no,yes', { q6: false, q1: true }],
  ['stops at the first bad token', 'no,maybe,yes', 'no', { q6: false }],
  ['answers past a leaf are dropped', 'yes,no,no', 'yes', { q6: true }],
  ['limited, < $100, local, GPU', 'no,no,yes,yes,yes', 'no,no,yes,yes,yes', { q6: false, q1: false, q3: true, q4: true, q5: true }],
]

describe('answersFromSequence', () => {
  it.each(cases)('%s', (_name, query, sequence, answers) => {
    const r = answersFromSequence(query === '' ? [] : query.split(','))
    expect(encodeSequence(r.sequence)).toBe(sequence)
    expect(r.answers).toEqual(answers)
  })

  it('round-trips every path of the tree through the URL form', () => {
    for (const p of listDecisionPaths()) {
      const seq = sequenceFromAnswers(p.answers)
      const back = answersFromSequence(encodeSequence(seq).split(','))
      const walk = walkDecisionTree(back.answers)
      expect(walk.status === 'done' && walk.leaf.id).toBe(p.leaf.id)
    }
  })

  it('sequenceFromAnswers ignores answers off the path', () => {
    expect(encodeSequence(sequenceFromAnswers({ q6: false, q1: true, q2: false, q3: true, q5: true }))).toBe('no,yes,no')
  })
})
