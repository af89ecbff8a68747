import type { Citation, DocText } from './types'

// The source document is Chinese and the product is English. Every section name, quoted phrase and
// headline the product cites is translated here, once, beside its original; citations are rendered by
// splitting them into references ("; ") and their parts (" · ") and translating each part. A part with no
// Chinese (emoji numbers, "team policy · blockedModels") is already readable and passes through.

const PARTS = ['第一部分', '第二部分', '第三部分', '第四部分', '第五部分', '第六部分', '第七部分'] as const

export const englishParts: Readonly<Record<string, string>> = {
  ...Object.fromEntries(PARTS.map((p, i) => [p, `Part ${i + 1}`])),
  模型谱系树: 'Model family tree',
  '模型谱系树（技术进化）': 'Model family tree (technical evolution)',
  'Meta 路线': 'Meta line',
  开源其他: 'Other open source',
  成本对比: 'Cost comparison',
  '4 大技术路线': 'The four technical routes',
  '路线 1：密集模型': 'Route 1: dense models',
  '路线 2：稀疏混合专家': 'Route 2: sparse mixture of experts',
  '路线 3：推理强化': 'Route 3: reasoning-enhanced (inference-time compute)',
  '路线 4：轻量级高效': 'Route 4: lightweight and efficient',
  性能维度对比矩阵: 'Performance comparison matrix',
  问卷式选择: 'Choosing by questionnaire',
  'A. 最强通用能力': 'A. Strongest general capability',
  'B. 最高推理能力': 'B. Highest reasoning ability',
  'C. 最佳性价比': 'C. Best value for money',
  'D. 最快的速度 + 最低延迟': 'D. Fastest speed + lowest latency',
  'E. 隐私第一': 'E. Privacy first',
  'F. 成本极其敏感（边缘设备）': 'F. Extremely cost-sensitive (edge devices)',
  '各模型的"杀手锏"': 'Each model’s killer feature',
  'GPT-4o: 多模态能力': 'GPT-4o: multimodal capability',
  'o1 / DeepSeek-R1: 推理能力': 'o1 / DeepSeek-R1: reasoning ability',
  'DeepSeek-V3: 成本与性能': 'DeepSeek-V3: cost and performance',
  'Llama 3.1 405B: 开源最强基座': 'Llama 3.1 405B: the strongest open-source base model',
  技术路线的未来预测: 'Future predictions for the technical routes',
  '趋势 1': 'Trend 1',
  '趋势 2': 'Trend 2',
  '趋势 3': 'Trend 3',
  快速决策树: 'Quick decision tree',
  建议: 'Recommendation',
  // Quoted phrases a citation points at.
  '✅ 批量数据处理': '✅ Batch data processing',
  '❌ 实时客服': '❌ Real-time customer service',
  '❌ 简单问题': '❌ Simple questions',
}

/** Part 7's leaves as the document prints them, in English. */
export const englishHeadlines: Readonly<Record<string, string>> = {
  'GPT-4o + o1（组合使用）': 'GPT-4o + o1 (used together)',
  'Claude 3.5 Sonnet（长文本能力更好）': 'Claude 3.5 Sonnet (better at long context)',
  'DeepSeek-V3（性能最好的低成本选择）': 'DeepSeek-V3 (the best-performing low-cost choice)',
  'DeepSeek-V3（开源 API 推荐）': 'DeepSeek-V3 (recommended open-source API)',
  'Llama 3.1 70B（开源本地部署）': 'Llama 3.1 70B (open source, self-hosted)',
  'DeepSeek-V3 自建 → Llama API': 'DeepSeek-V3 self-hosted → Llama API',
  'Phi-3 或 Gemma-2（轻量级模型）': 'Phi-3 or Gemma-2 (lightweight models)',
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/

export function hasChinese(text: string): boolean {
  return CJK.test(text)
}

// Part 7's answers are cited as "2️⃣ 是" / "2️⃣ 否" (yes / no).
function translatePart(part: string): string {
  const known = englishParts[part]
  if (known) return known
  const answer = /^(\S+) (是|否)$/.exec(part)
  if (answer) return `${answer[1]} ${answer[2] === '是' ? 'yes' : 'no'}`
  return part
}

/** A citation in English, with the original kept: '第五部分 · 各模型的"杀手锏"' → 'Part 5 · Each model’s killer feature'. */
export function englishCitation(citation: Citation): DocText {
  const en = citation
    .split('; ')
    .map((ref) => ref.split(' · ').map(translatePart).join(' · '))
    .join('; ')
  return { en, zh: citation }
}

/** A leaf headline in English, with the original kept. */
export function englishHeadline(label: string): DocText {
  return { en: englishHeadlines[label] ?? label, zh: label }
}
