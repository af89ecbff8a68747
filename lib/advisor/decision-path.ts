import { decisionTree, type DecisionAnswers, type DecisionNode, type NodeId } from '@/lib/policy/guidance'

// A walk through the Part 7 tree as the URL carries it: the yes/no answers along the path, root first
// (?a=no,yes,yes). Answers keyed by question (what walkDecisionTree takes) convert both ways.

type Tree = { root: NodeId; nodes: Readonly<Record<NodeId, DecisionNode>> }

/** Walks yes/no tokens from the root; stops at the first token that is not yes/no, or once a leaf is reached. */
export function answersFromSequence(tokens: readonly string[], tree: Tree = decisionTree): { sequence: boolean[]; answers: DecisionAnswers } {
  const sequence: boolean[] = []
  const answers: DecisionAnswers = {}
  let node = tree.nodes[tree.root]
  for (const raw of tokens) {
    const token = raw.trim().toLowerCase()
    if (node.kind === 'leaf' || (token !== 'yes' && token !== 'no')) break
    const answer = token === 'yes'
    answers[node.id] = answer
    sequence.push(answer)
    node = tree.nodes[answer ? node.yes : node.no]
  }
  return { sequence, answers }
}

/** The answers on the path from the root, in walk order; answers off the path are dropped. */
export function sequenceFromAnswers(answers: DecisionAnswers, tree: Tree = decisionTree): boolean[] {
  const out: boolean[] = []
  let node = tree.nodes[tree.root]
  for (let steps = 0; node.kind === 'question' && steps <= Object.keys(tree.nodes).length; steps++) {
    const a = answers[node.id]
    if (a === undefined) break
    out.push(a)
    node = tree.nodes[a ? node.yes : node.no]
  }
  return out
}

export function encodeSequence(sequence: readonly boolean[]): string {
  return sequence.map((a) => (a ? 'yes' : 'no')).join(',')
}
