import type { Deployment, Route } from '@prisma/client'
import type { DocText } from '@/lib/policy/guidance'

// The source document's model family tree (模型谱系树（技术进化）) as data: the root, its three lines
// (OpenAI closed, Meta open, other open) and the families the document draws under "other open". The
// catalog models fill the tree by family and deployment, so an edited catalog moves its model; models the
// document names elsewhere (Parts 1–2) but does not draw are placed by the same rule and marked.

export const LINEAGE_CITATION = '模型谱系树（技术进化）'

export type LineageLineId = 'openai' | 'closed-other' | 'meta' | 'open-other'

export type LineageLine = { id: LineageLineId; name: DocText; closed: boolean; /** false: the document's tree does not draw this line. */ inDocumentTree: boolean }

export const lineageRoot: DocText = { en: 'General-purpose LLMs', zh: '通用大模型 (LLM)' }

export const lineageLines: readonly LineageLine[] = [
  { id: 'openai', name: { en: 'OpenAI line (closed)', zh: 'OpenAI 路线（闭源）' }, closed: true, inDocumentTree: true },
  { id: 'closed-other', name: { en: 'Other closed APIs (Parts 1–2)', zh: '第一、二部分提到的其他闭源模型' }, closed: true, inDocumentTree: false },
  { id: 'meta', name: { en: 'Meta line (open)', zh: 'Meta 路线（开源）' }, closed: false, inDocumentTree: true },
  { id: 'open-other', name: { en: 'Other open models', zh: '开源其他（开源）' }, closed: false, inDocumentTree: true },
]

/** The families the document draws in its tree; the others are placed by the same rule but marked as not drawn there. */
export const familiesInDocumentTree: ReadonlySet<string> = new Set(['OpenAI', 'Meta', 'DeepSeek', 'Mistral', 'Qwen'])

/** What the document's tree says of a model in brackets: GPT-4o (生产), o1 (推理), Llama 3.1 (基座), DeepSeek V3/R1 (MoE). */
export const lineageRoles: Readonly<Record<string, DocText>> = {
  'gpt-4o': { en: 'production', zh: '生产' },
  o1: { en: 'reasoning', zh: '推理' },
  'llama-3.1-405b': { en: 'base model', zh: '基座' },
  'llama-3.1-70b': { en: 'base model', zh: '基座' },
  'deepseek-v3': { en: 'MoE', zh: 'MoE' },
  'deepseek-r1': { en: 'MoE', zh: 'MoE' },
}

export type LineageModel = { slug: string; displayName: string; family: string; route: Route | null; deployment: Deployment | null }

/** Closed = a closed API; open weights (served by API or run locally) are open. */
export function isClosed(deployment: Deployment | null): boolean {
  return deployment === 'closed_api'
}

export function lineOf(model: LineageModel): LineageLineId {
  if (model.family === 'OpenAI') return 'openai'
  if (model.family === 'Meta') return 'meta'
  return isClosed(model.deployment) ? 'closed-other' : 'open-other'
}

export type LineageTreeNode =
  | { kind: 'root'; id: string; label: DocText; children: LineageTreeNode[] }
  | { kind: 'line'; id: string; line: LineageLine; children: LineageTreeNode[] }
  | { kind: 'family'; id: string; family: string; closed: boolean; inDocumentTree: boolean; children: LineageTreeNode[] }
  | { kind: 'model'; id: string; model: LineageModel; inDocumentTree: boolean; children: [] }

/**
 * The tree for these models (in the order given): root → line → model, with a family level under a line
 * that holds more than one family (the document's "DeepSeek / Mistral / Qwen" under other open). Empty
 * lines are dropped.
 */
export function buildLineageTree(models: readonly LineageModel[]): LineageTreeNode {
  const lines = lineageLines.flatMap((line): LineageTreeNode[] => {
    const members = models.filter((m) => lineOf(m) === line.id)
    if (members.length === 0) return []
    const leaf = (m: LineageModel): LineageTreeNode => ({
      kind: 'model',
      id: `model:${m.slug}`,
      model: m,
      inDocumentTree: line.inDocumentTree && familiesInDocumentTree.has(m.family),
      children: [],
    })
    const families = [...new Set(members.map((m) => m.family))]
    const children =
      families.length <= 1
        ? members.map(leaf)
        : families.map((family): LineageTreeNode => ({
            kind: 'family',
            id: `family:${line.id}:${family}`,
            family,
            closed: line.closed,
            inDocumentTree: line.inDocumentTree && familiesInDocumentTree.has(family),
            children: members.filter((m) => m.family === family).map(leaf),
          }))
    return [{ kind: 'line', id: `line:${line.id}`, line, children }]
  })
  return { kind: 'root', id: 'root', label: lineageRoot, children: lines }
}
