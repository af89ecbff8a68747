import {
  decisionTree,
  type DecisionNode,
  type LeafNode,
  type NodeId,
  type QuestionId,
  type QuestionNode,
} from './decision-tree'

export type DecisionAnswers = Partial<Record<QuestionId, boolean>>

export type DecisionStep = { question: QuestionNode; answer: boolean }

export type DecisionWalk =
  | { status: 'done'; path: DecisionStep[]; leaf: LeafNode }
  /** Stopped at the first unanswered question on the path: the page asks it next. */
  | { status: 'needs-answer'; path: DecisionStep[]; question: QuestionNode }

type Tree = { root: NodeId; nodes: Readonly<Record<NodeId, DecisionNode>> }

/**
 * Follows the answers from the root. Answers to questions off the path are ignored, so a page can keep
 * every answer the user gave and re-walk after one changes. The tree is a parameter so an edited copy
 * (the decision-tree page lets people edit it) walks the same way.
 */
export function walkDecisionTree(answers: DecisionAnswers, tree: Tree = decisionTree): DecisionWalk {
  const path: DecisionStep[] = []
  let node = tree.nodes[tree.root]
  // A well-formed tree has fewer steps than nodes; the bound turns an edited cycle into an error.
  for (let steps = 0; steps <= Object.keys(tree.nodes).length; steps++) {
    if (node.kind === 'leaf') return { status: 'done', path, leaf: node }
    const answer = answers[node.id]
    if (answer === undefined) return { status: 'needs-answer', path, question: node }
    path.push({ question: node, answer })
    node = tree.nodes[answer ? node.yes : node.no]
  }
  throw new Error('the decision tree has a cycle')
}

/** Every root-to-leaf path as the answers that reach it: what the page lists and the tests walk. */
export function listDecisionPaths(tree: Tree = decisionTree): { answers: DecisionAnswers; leaf: LeafNode }[] {
  const out: { answers: DecisionAnswers; leaf: LeafNode }[] = []
  const visit = (id: NodeId, answers: DecisionAnswers, depth: number) => {
    if (depth > Object.keys(tree.nodes).length) throw new Error('the decision tree has a cycle')
    const node = tree.nodes[id]
    if (node.kind === 'leaf') return void out.push({ answers, leaf: node })
    visit(node.yes, { ...answers, [node.id]: true }, depth + 1)
    visit(node.no, { ...answers, [node.id]: false }, depth + 1)
  }
  visit(tree.root, {}, 0)
  return out
}
