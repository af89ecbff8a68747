import { describe, expect, it } from 'vitest'
import { layoutLineageTree, type TreeShape } from './layout-lineage-tree'

const t = (id: string, ...children: TreeShape[]): TreeShape => ({ id, children })

describe('layoutLineageTree', () => {
  it('gives each leaf a column on the bottom row and centres parents over their children', () => {
    const layout = layoutLineageTree(t('root', t('a', t('a1'), t('a2')), t('b', t('b1', t('x'), t('y'), t('z')))))
    const at = Object.fromEntries(layout.nodes.map((n) => [n.node.id, [n.column, n.row]]))
    expect(layout.rows).toBe(4)
    expect(layout.columns).toBe(5)
    expect(at).toEqual({ a1: [0, 3], a2: [1, 3], a: [0.5, 1], x: [2, 3], y: [3, 3], z: [4, 3], b1: [3, 2], b: [3, 1], root: [1.75, 0] })
    expect(layout.edges).toContainEqual({ from: 'b1', to: 'z' })
    expect(layout.edges).toHaveLength(8)
  })

  it('lays out a lone root', () => {
    expect(layoutLineageTree(t('only'))).toEqual({ nodes: [{ node: t('only'), column: 0, row: 0 }], edges: [], columns: 1, rows: 1 })
  })
})
