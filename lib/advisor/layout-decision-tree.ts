import type { DecisionNode, NodeId } from '@/lib/policy/guidance'

// A tidy layout for the drawn tree: leaves take one column each in yes-first depth-first order, a question
// sits centred over its two answers, depth is the row. Pure, so the picture follows an edited tree.

export type LaidOutNode = { id: NodeId; node: DecisionNode; column: number; depth: number; /** The answers that reach it from the root. */ sequence: boolean[] }
export type LaidOutEdge = { from: NodeId; to: NodeId; answer: boolean }
export type TreeLayout = { nodes: LaidOutNode[]; edges: LaidOutEdge[]; columns: number; rows: number }

type Tree = { root: NodeId; nodes: Readonly<Record<NodeId, DecisionNode>> }

export function layoutDecisionTree(tree: Tree): TreeLayout {
  const nodes: LaidOutNode[] = []
  const edges: LaidOutEdge[] = []
  let nextColumn = 0
  let rows = 0
  const limit = Object.keys(tree.nodes).length
  const place = (id: NodeId, depth: number, sequence: boolean[]): number => {
    if (depth > limit) throw new Error('the decision tree has a cycle')
    const node = tree.nodes[id]
    rows = Math.max(rows, depth + 1)
    if (node.kind === 'leaf') {
      const column = nextColumn++
      nodes.push({ id, node, column, depth, sequence })
      return column
    }
    const yes = place(node.yes, depth + 1, [...sequence, true])
    const no = place(node.no, depth + 1, [...sequence, false])
    edges.push({ from: id, to: node.yes, answer: true }, { from: id, to: node.no, answer: false })
    const column = (yes + no) / 2
    nodes.push({ id, node, column, depth, sequence })
    return column
  }
  place(tree.root, 0, [])
  return { nodes, edges, columns: nextColumn, rows }
}

/** Splits text into lines of at most `width` characters at spaces (a longer word keeps its own line); the last kept line ends in … when cut. */
export function wrapText(text: string, width: number, maxLines = 3): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, maxLines)
  kept[maxLines - 1] = `${kept[maxLines - 1]}…`
  return kept
}
