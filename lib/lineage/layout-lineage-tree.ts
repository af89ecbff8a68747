// A tidy layout for any rooted tree: leaves take one column each in order and all sit on the bottom row
// (so the model cards line up), a parent is centred over its children, depth is the row. Pure.

export type TreeShape = { id: string; children: readonly TreeShape[] }

export type Placed<T extends TreeShape> = { node: T; column: number; row: number }
export type PlacedEdge = { from: string; to: string }
export type LineageLayout<T extends TreeShape> = { nodes: Placed<T>[]; edges: PlacedEdge[]; columns: number; rows: number }

function height(node: TreeShape): number {
  return node.children.length === 0 ? 1 : 1 + Math.max(...node.children.map(height))
}

export function layoutLineageTree<T extends TreeShape>(root: T): LineageLayout<T> {
  const rows = height(root)
  const nodes: Placed<T>[] = []
  const edges: PlacedEdge[] = []
  let nextColumn = 0
  const place = (node: T, row: number): number => {
    if (node.children.length === 0) {
      const column = nextColumn++
      nodes.push({ node, column, row: rows - 1 })
      return column
    }
    const columns = (node.children as readonly T[]).map((child) => {
      edges.push({ from: node.id, to: child.id })
      return place(child, row + 1)
    })
    const column = ((columns[0] ?? 0) + (columns[columns.length - 1] ?? 0)) / 2
    nodes.push({ node, column, row })
    return column
  }
  place(root, 0)
  return { nodes, edges, columns: nextColumn, rows }
}
