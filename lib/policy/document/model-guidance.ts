import type { Citation, DocText } from './types'

// Part 5 of the source document (第五部分：各模型的"杀手锏") as data: what each model is best at (✅) and
// what it is wrong for (❌ / ⚠️). The advice rules cite these entries; the UI can list them per model.

export type UseCase = DocText & { citation: Citation }

export type ModelGuidance = {
  /** Catalog slugs the entry covers (Part 5 treats o1 and DeepSeek-R1 together). */
  models: readonly string[]
  title: string
  titleZh: string
  strengths: readonly DocText[]
  uses: readonly UseCase[]
  antiUses: readonly UseCase[]
  /** ⚠️ caveats: not wrong uses, but things to watch. */
  cautions: readonly DocText[]
  citation: Citation
}

const PART5 = '第五部分 · 各模型的"杀手锏"'
const GPT4O = `${PART5} · GPT-4o: 多模态能力`
const REASONING = `${PART5} · o1 / DeepSeek-R1: 推理能力`
const V3 = `${PART5} · DeepSeek-V3: 成本与性能`
const LLAMA = `${PART5} · Llama 3.1 405B: 开源最强基座`

export const modelGuidance: readonly ModelGuidance[] = [
  {
    models: ['gpt-4o'],
    title: 'GPT-4o: multimodal',
    titleZh: 'GPT-4o: 多模态能力',
    strengths: [
      { en: 'The most mature vision understanding (charts, screenshots, PDFs)', zh: '最成熟的视觉理解（看图表、截图、PDF）' },
      { en: 'Native audio in and out, not speech recognition chained to text', zh: '原生音频输入输出（不是语音识别 + 文本处理的串联）' },
      { en: 'Seamless vision + language', zh: 'Vision + Language 的无缝融合' },
    ],
    uses: [
      { en: 'Automatic analysis of scanned contracts (tables, seals)', zh: '扫描合同的自动分析（含表格和印章）', citation: `${GPT4O} · ✅` },
      { en: 'UI automation (understand a screenshot and act)', zh: 'UI 自动化（理解截图并操作）', citation: `${GPT4O} · ✅` },
      { en: 'Reading scientific papers (charts + text together)', zh: '科学论文解读（图表 + 文字联合理解）', citation: `${GPT4O} · ✅` },
    ],
    antiUses: [
      {
        en: 'Reasoning has a ceiling: for especially hard problems o1 is better',
        zh: '推理能力有天花板（如果题目特别难，o1 更好）',
        citation: `${GPT4O} · ❌`,
      },
    ],
    cautions: [],
    citation: GPT4O,
  },
  {
    models: ['o1', 'deepseek-r1'],
    title: 'o1 / DeepSeek-R1: reasoning',
    titleZh: 'o1 / DeepSeek-R1: 推理能力',
    strengths: [
      { en: 'Can "think" on hard problems, verifying its reasoning instead of generating quickly', zh: '能在难题上"思考"（不是快速生成，而是验证推理）' },
      { en: 'Maths contests jump from 2% to 13% on IMO', zh: '数学竞赛性能跃升（从 2% → 13% on IMO）' },
      { en: 'Programming contests too: 11% → 89% on AtCoder', zh: '编程竞赛也强（从 11% → 89% on AtCoder）' },
    ],
    uses: [
      { en: 'Hard maths problems', zh: '高难度数学问题', citation: `${REASONING} · ✅` },
      { en: 'Algorithm problems (programming contests)', zh: '算法题（编程竞赛）', citation: `${REASONING} · ✅` },
      { en: 'Critical analysis of research papers', zh: '科研论文的批判性分析', citation: `${REASONING} · ✅` },
    ],
    antiUses: [
      {
        en: 'Real-time customer service: too slow, a 30 s delay is unacceptable',
        zh: '实时客服（太慢，30 秒延迟不可接受）',
        citation: `${REASONING} · ❌ 实时客服`,
      },
      { en: 'Simple questions: the cost is wasted', zh: '简单问题（成本白浪费）', citation: `${REASONING} · ❌ 简单问题` },
    ],
    cautions: [],
    citation: REASONING,
  },
  {
    models: ['deepseek-v3'],
    title: 'DeepSeek-V3: cost and performance',
    titleZh: 'DeepSeek-V3: 成本与性能',
    strengths: [
      { en: 'The lowest cost ($0.0005 vs GPT-4o $0.005)', zh: '成本最低（$0.0005/token vs GPT-4o $0.005）' },
      { en: 'Open weights (can be deployed locally)', zh: '开源权重（可本地部署）' },
      { en: 'MoE: a large model with moderate compute', zh: 'MoE 架构（大模型但计算量适中）' },
      { en: 'Close to the best closed models (85% of GPT-4o level)', zh: '性能接近闭源最强（85% GPT-4o level）' },
    ],
    uses: [
      { en: 'Batch data processing (log analysis, large-scale labelling)', zh: '批量数据处理（日志分析、大规模标注）', citation: `${V3} · ✅ 批量数据处理` },
      { en: 'Internal tools (best cost)', zh: '企业内部工具（成本最优）', citation: `${V3} · ✅` },
      { en: 'Start-ups and companies on a limited budget', zh: '初创/预算有限的公司', citation: `${V3} · ✅` },
      { en: 'Privacy-sensitive applications that need local deployment', zh: '需要本地部署的隐私敏感应用', citation: `${V3} · ✅` },
    ],
    antiUses: [],
    cautions: [
      { en: 'Its ecosystem is less stable than GPT-4o\'s', zh: '生态还不如 GPT-4o 稳定' },
      { en: 'Some tasks run 3–5% below GPT-4o', zh: '某些任务性能 3-5% 低于 GPT-4o' },
      { en: 'Model updates may change behaviour (re-evaluate regularly)', zh: '模型更新可能改变行为（需要定期重新评估）' },
    ],
    citation: V3,
  },
  {
    models: ['llama-3.1-405b', 'llama-3.1-70b'],
    title: 'Llama 3.1: the strongest open base model',
    titleZh: 'Llama 3.1 405B: 开源最强基座',
    strengths: [
      { en: 'The most mature open model (the fullest ecosystem)', zh: '最成熟的开源模型（生态最完整）' },
      { en: 'Can be deployed locally (completely free)', zh: '可本地部署（完全免费）' },
      { en: 'Rich community resources (fine-tuning guides, tooling)', zh: '社区资源丰富（微调指南、工具链）' },
    ],
    uses: [
      { en: 'Companies that need local deployment', zh: '需要本地部署的企业', citation: `${LLAMA} · ✅` },
      { en: 'Fully open source required (licence-sensitive)', zh: '要求完全开源（许可证敏感）', citation: `${LLAMA} · ✅` },
      { en: 'Deep customisation (fine-tuning, distillation)', zh: '需要深度定制（微调、蒸馏）', citation: `${LLAMA} · ✅` },
      { en: 'R&D-driven companies', zh: '研发驱动的公司', citation: `${LLAMA} · ✅` },
    ],
    antiUses: [],
    cautions: [
      { en: 'The 405B model needs a lot of GPUs', zh: '需要大量 GPU（405B 模型）' },
      { en: 'The 70B version performs slightly below GPT-4o', zh: '如果用 70B 版本，性能略低于 GPT-4o' },
      { en: 'The weights are free but the infrastructure may be expensive', zh: '推理成本虽然原始模型免费，但基础设施成本可能高' },
    ],
    citation: LLAMA,
  },
]

/** Part 5 "o1 vs DeepSeek-R1": which one for which kind of business. */
export const o1VersusR1 = {
  o1: {
    pros: [
      { en: 'More stable (OpenAI engineering quality)', zh: '更稳定（OpenAI 的工程质量）' },
      { en: 'Slightly better (83% on AIME vs 79%)', zh: '性能略好（83% on AIME vs 79%）' },
    ],
    cons: [{ en: 'Expensive ($20/100K vs $0.55)', zh: '贵（$20/100K vs $0.55）' }],
  },
  r1: {
    pros: [
      { en: '100 times cheaper', zh: '便宜 100 倍' },
      { en: 'Open source, can be deployed locally', zh: '开源可本地部署' },
    ],
    cons: [
      { en: '5–10% lower performance', zh: '性能略低 5-10%' },
      { en: 'Its ecosystem is still growing', zh: '生态还在成长' },
    ],
  },
  criticalBusiness: {
    model: 'o1',
    en: 'Critical business (medical, finance) → o1',
    zh: '如果是关键业务（医疗、金融）→ o1',
    citation: `${PART5} · o1 vs DeepSeek-R1 · 建议`,
  },
  internalTools: {
    model: 'deepseek-r1',
    en: 'Internal tools (staff collaboration) → R1',
    zh: '如果是内部工具（员工协作）→ R1',
    citation: `${PART5} · o1 vs DeepSeek-R1 · 建议`,
  },
} as const

export function guidanceForModel(slug: string): ModelGuidance | undefined {
  return modelGuidance.find((g) => g.models.includes(slug))
}
