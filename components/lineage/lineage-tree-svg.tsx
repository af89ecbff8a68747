import { routeLabels } from '@/components/models/catalog-labels'
import { formatPerMillion } from '@/components/ui/format'
import { formatCount, formatPercent, formatUsd } from '@/components/ui/format'
import type { LineageLayout } from '@/lib/lineage/layout-lineage-tree'
import type { LineageNodeFigures } from '@/lib/lineage/load-lineage'
import { isClosed, type LineageTreeNode } from '@/lib/lineage/lineage-tree'

// The document's family tree drawn on the server, as the decision tree is: attributes for colours (the
// picture survives CSS loss and prints), every model a link to its model page. Closed models are blue,
// open ones green; a dashed border marks a model or family the document names but does not draw.

const COL = 168
const ROW = 92
const W = 156
const MODEL_H = 104
const GROUP_H = 48
const PAD = 12

const palette = {
  edge: '#9ca3af',
  root: { fill: '#f9fafb', stroke: '#6b7280', text: '#111827' },
  closed: { fill: '#eff6ff', stroke: '#2563eb', text: '#1e3a8a' },
  open: { fill: '#ecfdf5', stroke: '#059669', text: '#065f46' },
}

const heightOf = (n: LineageTreeNode) => (n.kind === 'model' ? MODEL_H : GROUP_H)

function tone(n: LineageTreeNode) {
  if (n.kind === 'root') return palette.root
  if (n.kind === 'line') return n.line.closed ? palette.closed : palette.open
  if (n.kind === 'model') return isClosed(n.model.deployment) ? palette.closed : palette.open
  return n.closed ? palette.closed : palette.open
}

function modelLines(n: Extract<LineageTreeNode, { kind: 'model' }>, f: LineageNodeFigures | undefined): string[] {
  const route = n.model.route ? `${routeLabels[n.model.route]} route` : 'No route'
  if (!f) return [route]
  const price = f.price.price ? `${formatPerMillion(f.price.price.input.toFixed())} / ${formatPerMillion(f.price.price.output.toFixed())} per 1M` : 'unpriced'
  return [route, `${formatUsd(f.spend)} · ${formatPercent(f.sharePercent)}`, `${formatCount(f.calls)} calls`, price]
}

export function LineageTreeSvg({ layout, figures, title }: { layout: LineageLayout<LineageTreeNode>; figures: ReadonlyMap<string, LineageNodeFigures>; title: string }) {
  const width = layout.columns * COL + PAD * 2
  const height = (layout.rows - 1) * ROW + MODEL_H + PAD * 2
  const centre = new Map(layout.nodes.map((p) => [p.node.id, { x: PAD + p.column * COL + COL / 2, top: PAD + p.row * ROW, h: heightOf(p.node) }]))
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width={width} role="figure" aria-labelledby="lineage-svg-title" data-testid="lineage-svg" className="block max-w-none">
      <title id="lineage-svg-title">{title}</title>
      <g fill="none" stroke={palette.edge} strokeWidth={1.5}>
        {layout.edges.map((e) => {
          const p = centre.get(e.from)
          const c = centre.get(e.to)
          if (!p || !c) return null
          const midY = p.top + p.h + (c.top - p.top - p.h) / 2
          return <path key={`${e.from}>${e.to}`} d={`M${p.x},${p.top + p.h} V${midY} H${c.x} V${c.top}`} />
        })}
      </g>
      {layout.nodes.map(({ node }) => {
        const at = centre.get(node.id)
        if (!at) return null
        const c = tone(node)
        const dashed = node.kind === 'line' ? !node.line.inDocumentTree : node.kind !== 'root' && !node.inDocumentTree
        const box = (
          <rect x={at.x - W / 2} y={at.top} width={W} height={at.h} rx={node.kind === 'model' ? 10 : 6} fill={c.fill} stroke={c.stroke} strokeWidth={node.kind === 'line' ? 2 : 1.25} strokeDasharray={dashed ? '5 3' : undefined} />
        )
        if (node.kind !== 'model') {
          const [en, zh] = node.kind === 'root' ? [node.label.en, node.label.zh] : node.kind === 'line' ? [node.line.name.en, node.line.name.zh] : [node.family, undefined]
          return (
            <g key={node.id} data-node={node.id} data-kind={node.kind}>
              {zh ? <title>{`${en} (${zh})`}</title> : null}
              {box}
              <text x={at.x} y={at.top + (zh ? 20 : 29)} textAnchor="middle" fontSize={12} fontWeight={700} fill={c.text}>
                {en}
              </text>
              {zh ? (
                <text x={at.x} y={at.top + 37} textAnchor="middle" fontSize={10.5} fill={c.text} lang="zh">
                  {zh}
                </text>
              ) : null}
            </g>
          )
        }
        const f = figures.get(node.model.slug)
        return (
          <a
            key={node.id}
            href={`/models/${encodeURIComponent(node.model.slug)}`}
            data-node={node.id}
            data-kind="model"
            data-slug={node.model.slug}
            data-spend={f?.spend ?? ''}
            data-calls={f?.calls ?? 0}
            data-share={f?.sharePercent ?? ''}
          >
            <title>{`${node.model.displayName} — open its model page`}</title>
            {box}
            <text x={at.x} y={at.top + 18} textAnchor="middle" fontSize={12.5} fontWeight={700} fill={c.text}>
              {node.model.displayName}
            </text>
            {modelLines(node, f).map((line, i) => (
              <text key={i} x={at.x} y={at.top + 36 + i * 16} textAnchor="middle" fontSize={11} fill={c.text}>
                {line}
              </text>
            ))}
          </a>
        )
      })}
    </svg>
  )
}
