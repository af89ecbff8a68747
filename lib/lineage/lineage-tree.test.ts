import { describe, expect, it } from 'vitest'
import { documentCatalog } from '@/lib/catalog/document-catalog'
import { buildLineageTree, lineOf, type LineageTreeNode } from './lineage-tree'

const models = documentCatalog.map((m) => ({ slug: m.slug, displayName: m.displayName, family: m.family, route: m.route, deployment: m.deployment }))
const find = (node: LineageTreeNode, id: string): LineageTreeNode | undefined =>
  node.id === id ? node : node.children.map((c) => find(c, id)).find((c) => c !== undefined)

describe('buildLineageTree', () => {
  it("draws the document's lines: OpenAI closed, Meta open, DeepSeek / Mistral / Qwen under other open", () => {
    const tree = buildLineageTree(models)
    expect(tree.children.map((c) => c.id)).toEqual(['line:openai', 'line:closed-other', 'line:meta', 'line:open-other'])
    expect(find(tree, 'line:openai')?.children.map((c) => c.id)).toEqual(['model:gpt-4o', 'model:o1'])
    expect(find(tree, 'line:meta')?.children.map((c) => c.id)).toEqual(['model:llama-3.1-405b', 'model:llama-3.1-70b', 'model:code-llama'])
    const families = find(tree, 'line:open-other')?.children ?? []
    expect(families.map((f) => f.kind === 'family' && [f.family, f.inDocumentTree])).toEqual([
      ['DeepSeek', true],
      ['Mistral', true],
      ['Qwen', true],
      ['Microsoft', false],
      ['Google', false],
    ])
  })

  it('places a model by its live deployment: an edited catalog moves it between closed and open', () => {
    expect(lineOf({ slug: 'x', displayName: 'X', family: 'Mistral', route: 'dense', deployment: 'closed_api' })).toBe('closed-other')
    expect(lineOf({ slug: 'x', displayName: 'X', family: 'Mistral', route: 'dense', deployment: 'local' })).toBe('open-other')
    expect(lineOf({ slug: 'x', displayName: 'X', family: 'OpenAI', route: 'dense', deployment: 'local' })).toBe('openai')
  })

  it('drops a line with no models', () => {
    const tree = buildLineageTree(models.filter((m) => m.family === 'Meta'))
    expect(tree.children.map((c) => c.id)).toEqual(['line:meta'])
  })
})
