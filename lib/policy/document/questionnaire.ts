import type { Citation, DocText } from './types'

// Part 4 of the source document (第四部分：应用场景选型指南 · 问卷式选择) as data: "what is your main need?"
// with six answers A–F, each with recommended models (catalog slugs, in the document's order), reasons
// and costs. The route-advice API builds its candidate list from these answers.

export type QuestionnaireAnswerId = 'A' | 'B' | 'C' | 'D' | 'E' | 'F'

export type QuestionnaireAnswer = {
  id: QuestionnaireAnswerId
  need: DocText
  /** The "回答" line: the need in the asker's own words. */
  statement: DocText
  recommended: readonly string[]
  reasons: readonly DocText[]
  cost: DocText
  /** Extra lines some answers carry: waiting time, the price paid, deployment notes. */
  notes: readonly DocText[]
  citation: Citation
}

const PART4 = '第四部分 · 问卷式选择'

export const questionnaireQuestion: DocText = { en: 'What is your main need?', zh: '你的主要需求是什么？' }

export const questionnaire: readonly QuestionnaireAnswer[] = [
  {
    id: 'A',
    need: { en: 'The strongest general capability', zh: '最强通用能力' },
    statement: { en: 'I need the smartest model; cost is not the main issue', zh: '我需要最聪明的模型，成本不是主要问题' },
    recommended: ['gpt-4o', 'claude-3-5-sonnet'],
    reasons: [
      { en: 'The strongest all-round general capability', zh: '通用能力全面最强' },
      { en: 'Multimodal support (images, PDFs)', zh: '多模态支持（图片、PDF）' },
      { en: 'Enterprise-grade SLA and security', zh: '企业级 SLA 和安全性' },
    ],
    cost: { en: '$0.003–0.005 per 1K tokens', zh: '$0.003-0.005 per 1K tokens' },
    notes: [],
    citation: `${PART4} · A. 最强通用能力`,
  },
  {
    id: 'B',
    need: { en: 'The highest reasoning ability', zh: '最高推理能力' },
    statement: { en: 'I need to solve hard problems (maths, competitive programming) and am willing to wait', zh: '我需要解决难题（数学、竞赛编程），愿意等待' },
    recommended: ['o1', 'deepseek-r1'],
    reasons: [
      { en: 'Reasoning ⭐⭐⭐⭐⭐', zh: '推理能力 ⭐⭐⭐⭐⭐' },
      { en: 'o1: official OpenAI, more stable', zh: 'o1：OpenAI 官方，更稳定' },
      { en: 'R1: open source, can be deployed locally, cheaper', zh: 'R1：开源可本地部署，成本更低' },
    ],
    cost: { en: 'o1 $0.020/1K, R1 very cheap', zh: 'o1 $0.020/1K, R1 极便宜' },
    notes: [{ en: 'Waiting time: 30–60 seconds', zh: '等待时间：30-60 秒' }],
    citation: `${PART4} · B. 最高推理能力`,
  },
  {
    id: 'C',
    need: { en: 'The best value for money', zh: '最佳性价比' },
    statement: { en: 'I want the most performance within a limited budget', zh: '我要在有限预算内最大化性能' },
    recommended: ['deepseek-v3'],
    reasons: [
      { en: 'Performance ≈ 90% of GPT-4o', zh: '性能 ≈ 90% GPT-4o' },
      { en: 'Cost ≈ 10% of GPT-4o', zh: '成本 ≈ 10% 的 GPT-4o' },
      { en: 'Open weights can be deployed locally', zh: '开源权重可本地部署' },
      { en: 'Supported by the most frameworks', zh: '适配最多框架' },
    ],
    cost: { en: '$0.0005/1K tokens (API); free (local deployment)', zh: '$0.0005/1K tokens（API）；免费（本地部署）' },
    notes: [],
    citation: `${PART4} · C. 最佳性价比`,
  },
  {
    id: 'D',
    need: { en: 'The fastest speed and lowest latency', zh: '最快的速度 + 最低延迟' },
    statement: { en: 'I need millisecond responses; users interact in real time', zh: '我需要毫秒级响应，用户在实时交互' },
    recommended: ['llama-3.1-70b', 'phi-3'],
    reasons: [
      { en: 'Local deployment, no network latency', zh: '本地部署，没有网络延迟' },
      { en: 'Fast inference (milliseconds)', zh: '推理速度快（毫秒级）' },
      { en: 'Lowest cost (local deployment = free)', zh: '成本最低（本地部署 = 免费）' },
    ],
    cost: { en: 'Local deployment = free', zh: '本地部署 = 免费' },
    notes: [{ en: 'The price: performance drops somewhat (but is usually acceptable)', zh: '代价：性能会有所下降（但通常可接受）' }],
    citation: `${PART4} · D. 最快的速度 + 最低延迟`,
  },
  {
    id: 'E',
    need: { en: 'Privacy first', zh: '隐私第一' },
    statement: { en: 'The data cannot go to the cloud; it must be deployed locally', zh: '数据不能上云，必须本地部署' },
    recommended: ['llama-3.1-70b', 'mistral-large'],
    reasons: [
      { en: 'Open weights, fully under your control', zh: '开源权重，完全可控' },
      { en: 'Can be deployed in an isolated network', zh: '可以在隔离网络中部署' },
      { en: 'No risk of data leaking', zh: '没有数据泄露风险' },
    ],
    cost: { en: 'GPU servers (on premises or private cloud)', zh: 'GPU 服务器（本地或私有云）' },
    notes: [{ en: 'Setup: GPU servers, on premises or in a private cloud', zh: '方案：GPU 服务器（本地或私有云）' }],
    citation: `${PART4} · E. 隐私第一`,
  },
  {
    id: 'F',
    need: { en: 'Extremely cost-sensitive (edge devices)', zh: '成本极其敏感（边缘设备）' },
    statement: { en: 'I run on phones / IoT devices', zh: '我在手机/物联网设备上运行' },
    recommended: ['phi-3', 'gemma-2-2b'],
    reasons: [
      { en: 'Very small models (< 10B parameters)', zh: '极小模型（< 10B 参数）' },
      { en: 'Run in 8 GB of RAM', zh: '可以在 8GB RAM 上运行' },
      { en: 'The best performance among lightweight models', zh: '性能在轻量级模型中最好' },
    ],
    cost: { en: 'Runs on the device', zh: '在设备上运行' },
    notes: [
      { en: 'Phones: ONNX Runtime', zh: '手机：ONNX Runtime' },
      { en: 'Raspberry Pi: llama.cpp', zh: '树莓派：llama.cpp' },
    ],
    citation: `${PART4} · F. 成本极其敏感（边缘设备）`,
  },
]

export function questionnaireAnswer(id: QuestionnaireAnswerId): QuestionnaireAnswer {
  const answer = questionnaire.find((a) => a.id === id)
  if (!answer) throw new Error(`no questionnaire answer '${id}' in the document data`)
  return answer
}
