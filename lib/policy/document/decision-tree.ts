import type { Citation, DocText } from './types'

// Part 7 of the source document (第七部分：快速决策树) as a typed tree. Node ids keep the document's
// numbering (q1 = 1️⃣ …) so a citation can be checked against the text.
//
// The document's 6️⃣ ("在移动设备上？") dangles: no answer leads to it, and it has only one branch. We ask
// it FIRST, as the root: running on a phone is a hard deployment constraint that overrides every budget
// answer below it (Part 4 F says the same: phones and IoT → Phi-3 or Gemma-2), and a "no" falls through
// to the document's own start, 1️⃣. Its missing "no" branch is therefore "→ 1".

export type QuestionId = 'q1' | 'q2' | 'q3' | 'q4' | 'q5' | 'q6'
export type LeafId =
  | 'max-performance'
  | 'long-context'
  | 'low-cost-at-scale'
  | 'open-api'
  | 'local-gpu'
  | 'local-no-gpu'
  | 'mobile'
export type NodeId = QuestionId | LeafId

export type QuestionNode = {
  kind: 'question'
  id: QuestionId
  /** The document's emoji number (1️⃣ … 6️⃣). */
  number: number
  text: DocText
  yes: NodeId
  no: NodeId
  citation: Citation
  /** Where we had to interpret the document, and how. */
  note?: string
}

/** 'together': use the models side by side (the document's "组合使用"); 'either': any one of them;
 *  'fallback': the first if you can, else the next (the document's "→"). */
export type LeafCombination = 'single' | 'together' | 'either' | 'fallback'

export type LeafNode = {
  kind: 'leaf'
  id: LeafId
  models: readonly string[]
  combination: LeafCombination
  /** The leaf as printed in the document, e.g. "GPT-4o + o1（组合使用）". */
  label: string
  reason: DocText
  citation: Citation
  /** A tension the document leaves open, stated so the page can show it. */
  caveat?: string
}

export type DecisionNode = QuestionNode | LeafNode

const PART7 = '第七部分 · 快速决策树'

export const DECISION_TREE_ROOT: QuestionId = 'q6'

export const decisionTreeTitle: DocText = { en: 'I need a large model — which one should I choose?', zh: '我需要一个大模型，应该选哪个？' }

export const decisionTreeNodes: Readonly<Record<NodeId, DecisionNode>> = {
  q6: {
    kind: 'question',
    id: 'q6',
    number: 6,
    text: { en: 'Will it run on a mobile device?', zh: '在移动设备上？' },
    yes: 'mobile',
    no: 'q1',
    citation: `${PART7} · 6️⃣`,
    note: 'The document lists 6️⃣ with no edge leading to it and only a "yes" branch. It is asked first here, because an on-device deployment overrides every budget question; "no" continues at 1️⃣.',
  },
  q1: {
    kind: 'question',
    id: 'q1',
    number: 1,
    text: { en: 'Is the budget unlimited?', zh: '预算无限制？' },
    yes: 'q2',
    no: 'q3',
    citation: `${PART7} · 1️⃣`,
  },
  q2: {
    kind: 'question',
    id: 'q2',
    number: 2,
    text: { en: 'Do you need the highest performance?', zh: '需要最高性能？' },
    yes: 'max-performance',
    no: 'long-context',
    citation: `${PART7} · 2️⃣`,
  },
  q3: {
    kind: 'question',
    id: 'q3',
    number: 3,
    text: { en: 'Is the monthly API cost under $100?', zh: '每月 API 成本少于 $100？' },
    yes: 'q4',
    no: 'low-cost-at-scale',
    citation: `${PART7} · 3️⃣`,
  },
  q4: {
    kind: 'question',
    id: 'q4',
    number: 4,
    text: { en: 'Must the data stay local?', zh: '数据必须本地？' },
    yes: 'q5',
    no: 'open-api',
    citation: `${PART7} · 4️⃣`,
  },
  q5: {
    kind: 'question',
    id: 'q5',
    number: 5,
    text: { en: 'Do you have GPU infrastructure?', zh: '有 GPU 基础设施？' },
    yes: 'local-gpu',
    no: 'local-no-gpu',
    citation: `${PART7} · 5️⃣`,
  },
  'max-performance': {
    kind: 'leaf',
    id: 'max-performance',
    models: ['gpt-4o', 'o1'],
    combination: 'together',
    label: 'GPT-4o + o1（组合使用）',
    reason: {
      en: 'Use both: GPT-4o for general and multimodal work, o1 for the hard problems.',
      zh: 'GPT-4o + o1（组合使用）',
    },
    citation: `${PART7} · 2️⃣ 是`,
  },
  'long-context': {
    kind: 'leaf',
    id: 'long-context',
    models: ['claude-3-5-sonnet'],
    combination: 'single',
    label: 'Claude 3.5 Sonnet（长文本能力更好）',
    reason: { en: 'Claude 3.5 Sonnet: better with long texts.', zh: 'Claude 3.5 Sonnet（长文本能力更好）' },
    citation: `${PART7} · 2️⃣ 否`,
  },
  'low-cost-at-scale': {
    kind: 'leaf',
    id: 'low-cost-at-scale',
    models: ['deepseek-v3'],
    combination: 'single',
    label: 'DeepSeek-V3（性能最好的低成本选择）',
    reason: { en: 'DeepSeek-V3: the best-performing low-cost choice.', zh: 'DeepSeek-V3（性能最好的低成本选择）' },
    citation: `${PART7} · 3️⃣ 否`,
  },
  'open-api': {
    kind: 'leaf',
    id: 'open-api',
    models: ['deepseek-v3'],
    combination: 'single',
    label: 'DeepSeek-V3（开源 API 推荐）',
    reason: { en: 'DeepSeek-V3: the recommended open-source API.', zh: 'DeepSeek-V3（开源 API 推荐）' },
    citation: `${PART7} · 4️⃣ 否`,
  },
  'local-gpu': {
    kind: 'leaf',
    id: 'local-gpu',
    models: ['llama-3.1-70b'],
    combination: 'single',
    label: 'Llama 3.1 70B（开源本地部署）',
    reason: { en: 'Llama 3.1 70B, deployed locally on your own GPUs (open source).', zh: 'Llama 3.1 70B（开源本地部署）' },
    citation: `${PART7} · 5️⃣ 是`,
  },
  'local-no-gpu': {
    kind: 'leaf',
    id: 'local-no-gpu',
    models: ['deepseek-v3', 'llama-3.1-405b'],
    combination: 'fallback',
    label: 'DeepSeek-V3 自建 → Llama API',
    reason: {
      en: 'Self-host DeepSeek-V3 (open weights, e.g. on rented or private-cloud GPUs); failing that, a Llama API.',
      zh: 'DeepSeek-V3 自建 → Llama API',
    },
    citation: `${PART7} · 5️⃣ 否`,
    caveat:
      'The data must stay local but there is no GPU: "self-hosted" has to mean a private cloud (Part 4 E: "GPU 服务器（本地或私有云）"), and a hosted Llama API sends data off premises — check that with whoever owns the data.',
  },
  mobile: {
    kind: 'leaf',
    id: 'mobile',
    models: ['phi-3', 'gemma-2-2b'],
    combination: 'either',
    label: 'Phi-3 或 Gemma-2（轻量级模型）',
    reason: { en: 'Phi-3 or Gemma-2: lightweight models that run on the device.', zh: 'Phi-3 或 Gemma-2（轻量级模型）' },
    citation: `${PART7} · 6️⃣`,
  },
}

export const decisionTree = { title: decisionTreeTitle, root: DECISION_TREE_ROOT, nodes: decisionTreeNodes } as const
