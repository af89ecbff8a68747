import type { NodeId } from '@/lib/policy/guidance'
import { wrapText, type TreeLayout } from '@/lib/advisor/layout-decision-tree'
import { englishCitation, englishHeadline } from '@/lib/policy/document/english'

// The Part 7 tree drawn on the server: every node a link to the walk that reaches it, the walked path
// and the current node highlighted. Colours are attributes (not classes) so the picture survives CSS
// loss and prints.

const COL = 140
const ROW = 100
const W = 130
const H = 60
const PAD = 12

const colours = {
  edge: '#d1d5db',
  edgeOn: '#3b82f6',
  question: { fill: '#ffffff', stroke: '#d1d5db', text: '#374151' },
  questionOn: { fill: '#eff6ff', stroke: '#3b82f6', text: '#1e3a8a' },
  questionCurrent: { fill: '#dbeafe', stroke: '#1d4ed8', text: '#1e3a8a' },
  leaf: { fill: '#ecfdf5', stroke: '#a7f3d0', text: '#065f46' },
  leafOn: { fill: '#059669', stroke: '#047857', text: '#ffffff' },
}

export type TreeHighlight = { nodes: ReadonlySet<NodeId>; edges: ReadonlySet<string>; current: NodeId }

export function edgeKey(from: NodeId, answer: boolean): string {
  return `${from}-${answer ? 'yes' : 'no'}`
}

export function DecisionTreeSvg({
  layout,
  highlight,
  labels,
  hrefFor,
  title,
}: {
  layout: TreeLayout
  highlight: TreeHighlight
  /** The leaf's models as the catalog names them; questions use their own text. */
  labels: ReadonlyMap<NodeId, string>
  hrefFor: (sequence: readonly boolean[]) => string
  title: string
}) {
  const width = layout.columns * COL + PAD * 2
  const height = layout.rows * ROW - (ROW - H) + PAD * 2 + 4
  const at = new Map(layout.nodes.map((n) => [n.id, { x: PAD + n.column * COL + COL / 2, y: PAD + n.depth * ROW + H / 2 }]))
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="group"
      aria-labelledby="decision-tree-svg-title"
      data-testid="decision-tree-svg"
      className="block min-w-[760px]"
      style={{ maxHeight: `${height * 1.1}px` }}
    >
      <title id="decision-tree-svg-title">{title}</title>
      <g fill="none">
        {layout.edges.map((e) => {
          const p = at.get(e.from)
          const c = at.get(e.to)
          if (!p || !c) return null
          const key = edgeKey(e.from, e.answer)
          const on = highlight.edges.has(key)
          const midY = p.y + H / 2 + (ROW - H) / 2
          return (
            <g key={key} data-edge={key} data-highlighted={on ? 'true' : 'false'}>
              <path
                d={`M${p.x},${p.y + H / 2} V${midY} H${c.x} V${c.y - H / 2}`}
                stroke={on ? colours.edgeOn : colours.edge}
                strokeWidth={on ? 3 : 1.5}
              />
              <text
                x={c.x + 5}
                y={c.y - H / 2 - 7}
                fontSize={11}
                fontWeight={on ? 700 : 500}
                fill={on ? colours.edgeOn : e.answer ? '#047857' : '#b91c1c'}
                stroke="none"
              >
                {e.answer ? 'yes' : 'no'}
              </text>
            </g>
          )
        })}
      </g>
      {layout.nodes.map((n) => {
        const pos = at.get(n.id)
        if (!pos) return null
        const isLeaf = n.node.kind === 'leaf'
        const on = highlight.nodes.has(n.id)
        const current = highlight.current === n.id
        const c = isLeaf ? (current ? colours.leafOn : colours.leaf) : current ? colours.questionCurrent : on ? colours.questionOn : colours.question
        const heading = n.node.kind === 'question' ? `Q${n.node.number}` : 'Use'
        const text = n.node.kind === 'question' ? n.node.text.en : (labels.get(n.id) ?? n.node.label)
        const lines = wrapText(text, 20, 3)
        const cited = englishCitation(n.node.citation)
        const tooltip = n.node.kind === 'question' ? `${n.node.text.en} (${n.node.text.zh}) — ${cited.en}` : `${englishHeadline(n.node.label).en} — ${cited.en}`
        return (
          <a key={n.id} href={hrefFor(n.sequence)} data-node={n.id} data-kind={n.node.kind} data-highlighted={on || current ? 'true' : 'false'} data-current={current ? 'true' : undefined}>
            <title>{tooltip}</title>
            <rect
              x={pos.x - W / 2}
              y={pos.y - H / 2}
              width={W}
              height={H}
              rx={isLeaf ? 14 : 6}
              fill={c.fill}
              stroke={c.stroke}
              strokeWidth={current ? 3 : on ? 2 : 1}
            />
            <text x={pos.x} y={pos.y - H / 2 + 14} textAnchor="middle" fontSize={10} fontWeight={700} fill={c.text} letterSpacing="0.04em">
              {heading.toUpperCase()}
            </text>
            {lines.map((line, i) => (
              <text key={i} x={pos.x} y={pos.y - H / 2 + 28 + i * 13} textAnchor="middle" fontSize={11.5} fontWeight={isLeaf ? 600 : 500} fill={c.text}>
                {line}
              </text>
            ))}
          </a>
        )
      })}
    </svg>
  )
}
