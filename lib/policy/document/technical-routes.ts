import type { Route } from '@prisma/client'
import type { Citation, DocText } from './types'

// Part 2 of the source document (第二部分：4 大技术路线) as data. Members are catalog slugs; the rules,
// the route-advice API and the decision-tree page read these entries instead of restating them.

export type TechnicalRoute = {
  id: Route
  name: string
  nameZh: string
  members: readonly string[]
  /** The one-paragraph idea of the route, in English, with the document's own words beside it. */
  principle: DocText
  /** "何时选择" — the document's "choose this route when" checklist. */
  whenToChoose: readonly DocText[]
  /** Route 4 alone lists application scenarios (应用场景). */
  scenarios?: readonly DocText[]
  /** Part 2's "当前最成熟的应用" (most mature application), when it names one. */
  mostMature?: readonly string[]
  citation: Citation
}

const PART2 = '第二部分 · 4 大技术路线'

export const technicalRoutes: readonly TechnicalRoute[] = [
  {
    id: 'dense',
    name: 'Dense models',
    nameZh: '密集模型 (Dense Models)',
    members: ['gpt-4o', 'claude-3-5-sonnet', 'llama-3.1-405b'],
    principle: {
      en: 'Every parameter is active for every token: simple, stable inference, but heavy compute and memory.',
      zh: '所有参数都被激活；优点：推理简单，性能稳定；缺点：计算量大，显存占用多',
    },
    whenToChoose: [
      { en: 'You need the highest accuracy', zh: '需要最高精度' },
      { en: 'Inference cost is not a concern', zh: '不在意推理成本' },
      { en: 'You deploy on high-end GPUs', zh: '部署在高端 GPU 上' },
    ],
    citation: `${PART2} · 路线 1：密集模型`,
  },
  {
    id: 'moe',
    name: 'Sparse mixture of experts',
    nameZh: '稀疏混合专家 (Mixture of Experts, MoE)',
    members: ['deepseek-v3', 'mixtral', 'grok-2'],
    principle: {
      en: 'A router sends each token to a few experts; only ~10% of the parameters run, the rest "sleep".',
      zh: '每个 token 通过"路由网络"，决定访问哪些 expert；其他 expert "睡眠"，不消耗计算',
    },
    whenToChoose: [
      { en: 'You need a large model but GPU memory is limited', zh: '需要大模型但显存有限' },
      { en: 'Inference cost matters', zh: '推理成本敏感' },
      { en: 'Slightly lower accuracy is acceptable', zh: '可以容忍略低的准确度' },
    ],
    mostMature: ['deepseek-v3'],
    citation: `${PART2} · 路线 2：稀疏混合专家`,
  },
  {
    id: 'reasoning',
    name: 'Inference-time reasoning',
    nameZh: '推理强化 (Inference-Time Compute)',
    members: ['o1', 'deepseek-r1'],
    principle: {
      en: 'The model "thinks" for a variable number of steps (thinking tokens, trained with RL, self-verified); steps grow with difficulty.',
      zh: '输入 → 模型（可变步数的思考）→ 输出；思考的步数 ∝ 问题的难度',
    },
    whenToChoose: [
      { en: 'The problem is hard (maths, programming contests)', zh: '问题很难（数学、编程竞赛）' },
      { en: 'Users are willing to wait (30–60 s)', zh: '用户愿意等待（30-60 秒）' },
      { en: 'Cost is not the main concern (10+ times dearer than GPT-4o)', zh: '成本不是主要考虑（比 GPT-4o 贵 10+ 倍）' },
    ],
    mostMature: ['o1', 'deepseek-r1'],
    citation: `${PART2} · 路线 3：推理强化`,
  },
  {
    id: 'small',
    name: 'Efficient small models',
    nameZh: '轻量级高效 (Efficient Small Models)',
    members: ['phi-3', 'gemma-2-2b', 'qwen2-0.5b'],
    principle: {
      en: 'Not the best absolute quality, but the best value and speed: a 7B model trained to match 10B competitors.',
      zh: '不追求绝对性能，追求性价比和速度',
    },
    whenToChoose: [
      { en: 'You deploy on edge devices (phones, Raspberry Pi)', zh: '部署在边缘设备（手机、树莓派）' },
      { en: 'You need millisecond latency', zh: '需要毫秒级延迟' },
      { en: 'Privacy requirements are high (local deployment)', zh: '隐私要求高（本地部署）' },
    ],
    scenarios: [
      { en: 'Mobile devices (phones, smart hardware)', zh: '移动设备（手机、智能硬件）' },
      { en: 'Latency-sensitive applications (real-time translation)', zh: '延迟敏感应用（实时翻译）' },
      { en: 'Extremely cost-sensitive (edge computing)', zh: '成本极其敏感（边缘计算）' },
    ],
    citation: `${PART2} · 路线 4：轻量级高效`,
  },
]

export function technicalRouteOf(id: Route): TechnicalRoute {
  const route = technicalRoutes.find((r) => r.id === id)
  if (!route) throw new Error(`no technical route '${id}' in the document data`)
  return route
}
