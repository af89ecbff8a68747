import type { Citation, DocText } from './types'

// Part 6 of the source document (第六部分：技术路线的未来预测) as data: the three trends it asks about and
// what it predicts, in English with the document's own words beside them. The Lineage page sets each
// against the organisation's data.

export type FutureTrend = { id: 'moe' | 'reasoning-price' | 'open-vs-closed'; question: DocText; today: readonly DocText[]; prediction: readonly DocText[]; citation: Citation }

const PART6 = '第六部分 · 技术路线的未来预测'

export const futureTrends: readonly FutureTrend[] = [
  {
    id: 'moe',
    question: { en: 'Trend 1: Will MoE become mainstream?', zh: '趋势 1：MoE 会成为主流吗？' },
    today: [
      { en: 'DeepSeek-V3 and Mixtral have shown that MoE works', zh: 'DeepSeek-V3 和 Mixtral 证明了 MoE 可行' },
      { en: 'But it is still less stable than dense models (load balancing, risk of routing collapse)', zh: '但仍然不如密集模型稳定（负载均衡、路由崩溃风险）' },
    ],
    prediction: [
      { en: '2025: MoE and dense models coexist — cost-sensitive users → MoE; users after top performance → dense', zh: '2025：MoE 和密集模型共存 - 对成本敏感的用户 → MoE - 追求最高性能的用户 → 密集模型' },
      { en: '2026+: if the MoE routing problems are solved → it may replace dense models entirely', zh: '2026+：如果 MoE 路由问题解决 → 可能全面替代密集模型' },
    ],
    citation: `${PART6} · 趋势 1`,
  },
  {
    id: 'reasoning-price',
    question: { en: 'Trend 2: Will reasoning models get cheaper?', zh: '趋势 2：推理模型会变得更便宜吗？' },
    today: [
      { en: 'o1: $0.020/1K tokens (4 times dearer)', zh: 'o1：$0.020/1K tokens（贵 4 倍）' },
      { en: 'R1: already much cheaper (through open source and optimisation)', zh: 'R1：已经便宜得多（通过开源和优化）' },
    ],
    prediction: [
      { en: '2025: inference-time compute gets optimised (cached thinking, speculative execution) → cost may fall 5–10×', zh: '2025：推理时计算优化（缓存思考过程、投机执行）→ 成本可能下降 5-10 倍' },
      { en: '2026+: reasoning may become as cheap as standard models', zh: '2026+：推理可能与标准模型一样便宜' },
    ],
    citation: `${PART6} · 趋势 2`,
  },
  {
    id: 'open-vs-closed',
    question: { en: 'Trend 3: Will open source catch up with closed source?', zh: '趋势 3：开源会追上闭源吗？' },
    today: [
      { en: '2023: closed source clearly ahead', zh: '2023：闭源明显领先' },
      { en: '2024: open source catches up (DeepSeek-V3 ≈ 90% of GPT-4o)', zh: '2024：开源追上（DeepSeek-V3 ≈ 90% GPT-4o）' },
    ],
    prediction: [
      { en: 'Most likely (scenario 2): open source gets very close to closed source, but the pace of catching up slows', zh: '我的看法：场景 2 最可能 — 开源会非常接近闭源，但追上的速度会放缓' },
    ],
    citation: `${PART6} · 趋势 3`,
  },
]

export function futureTrend(id: FutureTrend['id']): FutureTrend {
  const t = futureTrends.find((x) => x.id === id)
  if (!t) throw new Error(`no Part 6 trend '${id}'`)
  return t
}
