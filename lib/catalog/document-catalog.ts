import type { Deployment, Route } from '@prisma/client'

// The source document (docs/source/model-lineage-overview.md, dated 2025-01-04) as data: the catalog
// and price table the product ships with. Every entry cites the section it comes from, so an edited
// value can be traced back. Pure data — no I/O; the seed writes it, people edit it afterwards.

export type RatingKey = 'general' | 'code' | 'math' | 'longContext' | 'multilingual' | 'reasoning'
export type Ratings = Readonly<Record<RatingKey, number>>
export type LatencyClass = 'fast' | 'standard' | 'slow'

export interface DocumentModel {
  slug: string
  displayName: string
  provider: string
  family: string
  route: Route
  /** Set when Part 2 does not name the model under a route and the route is our inference. */
  routeNote?: string
  deployment: Deployment
  /** Set when the document does not state the deployment outright. */
  deploymentNote?: string
  latencyClass: LatencyClass
  parameters?: string
  /** Part 3 star matrix; only the five models in that matrix have ratings. */
  ratings?: Ratings
  /** Lower-case names seen in the wild. The slug itself is not repeated here. */
  aliases: readonly string[]
  citation: string
}

/** USD per 1M tokens as decimal strings (never floats). null cache/reasoning prices fall back to input/output. */
export interface DocumentPrice {
  slug: string
  effectiveFrom: Date
  /** The document's own figure, USD per 1K tokens, kept for traceability. */
  per1k: string
  input: string
  output: string
  cacheRead: null
  cacheWrite: null
  reasoning: null
  source: 'document'
  derived: boolean
  note: string
  citation: string
}

/** The document's date: its prices are in force from then on. */
export const DOCUMENT_PRICE_EFFECTIVE_FROM = new Date('2025-01-04T00:00:00Z')

const COST_TABLE = '第一部分 · 成本对比'
const DENSE = '第二部分 · 路线 1：密集模型'
const MOE = '第二部分 · 路线 2：稀疏混合专家'
const REASONING = '第二部分 · 路线 3：推理强化'
const SMALL = '第二部分 · 路线 4：轻量级高效'
const MATRIX = '第三部分 · 性能维度对比矩阵'

// ⭐⭐⭐⭐⭐ = 5, ⭐⭐⭐⭐☆ = 4.5, ⭐⭐⭐⭐ = 4 (Part 3 matrix, column by column).
const r = (general: number, code: number, math: number, longContext: number, multilingual: number, reasoning: number): Ratings => ({
  general,
  code,
  math,
  longContext,
  multilingual,
  reasoning,
})

const INFERRED_DENSE = 'Part 2 does not assign this model to a route; dense is inferred (a conventional dense Transformer).'

export const documentCatalog: readonly DocumentModel[] = [
  {
    slug: 'gpt-4o',
    displayName: 'GPT-4o',
    provider: 'openai',
    family: 'OpenAI',
    route: 'dense',
    deployment: 'closed_api',
    latencyClass: 'standard',
    ratings: r(5, 5, 4, 4.5, 5, 4),
    aliases: [
      'gpt-4o-2024-05-13',
      'gpt-4o-2024-08-06',
      'gpt-4o-2024-11-20',
      'chatgpt-4o-latest',
      'openai/gpt-4o',
      'openai/gpt-4o-2024-08-06',
      'openai/gpt-4o-2024-11-20',
      'azure/gpt-4o',
      'azure/gpt-4o-2024-08-06',
      'azure/gpt-4o-2024-11-20',
      'openrouter/openai/gpt-4o',
    ],
    citation: `${COST_TABLE}; ${DENSE}; ${MATRIX}`,
  },
  {
    slug: 'o1',
    displayName: 'o1',
    provider: 'openai',
    family: 'OpenAI',
    route: 'reasoning',
    deployment: 'closed_api',
    latencyClass: 'slow',
    ratings: r(5, 5, 5, 4, 4.5, 5),
    // o1-preview is the same model line at the same list price; o1-mini and o1-pro are priced differently
    // and deliberately left unmatched.
    aliases: [
      'o1-2024-12-17',
      'o1-preview',
      'o1-preview-2024-09-12',
      'openai/o1',
      'azure/o1',
      'azure/o1-2024-12-17',
      'openrouter/openai/o1',
    ],
    citation: `${COST_TABLE}; ${REASONING}; ${MATRIX}`,
  },
  {
    slug: 'deepseek-v3',
    displayName: 'DeepSeek-V3',
    provider: 'deepseek',
    family: 'DeepSeek',
    route: 'moe',
    deployment: 'open_weights_api',
    latencyClass: 'standard',
    ratings: r(4.5, 5, 4, 4.5, 4.5, 4),
    aliases: [
      'deepseek-chat',
      'deepseek/deepseek-chat',
      'deepseek/deepseek-v3',
      'deepseek-ai/deepseek-v3',
      'openrouter/deepseek/deepseek-chat',
      'together_ai/deepseek-ai/deepseek-v3',
      'fireworks_ai/accounts/fireworks/models/deepseek-v3',
      'azure_ai/deepseek-v3',
    ],
    citation: `${COST_TABLE}; ${MOE}; ${MATRIX}`,
  },
  {
    slug: 'deepseek-r1',
    displayName: 'DeepSeek-R1',
    provider: 'deepseek',
    family: 'DeepSeek',
    route: 'reasoning',
    // "R1：开源可本地部署" — open weights, and DeepSeek serves it by API.
    deployment: 'open_weights_api',
    latencyClass: 'slow',
    aliases: [
      'deepseek-reasoner',
      'deepseek/deepseek-reasoner',
      'deepseek/deepseek-r1',
      'deepseek-ai/deepseek-r1',
      'openrouter/deepseek/deepseek-r1',
      'together_ai/deepseek-ai/deepseek-r1',
      'fireworks_ai/accounts/fireworks/models/deepseek-r1',
      'azure_ai/deepseek-r1',
      'deepseek-r1:671b',
    ],
    citation: `${REASONING}; 第四部分 · B. 最高推理能力; 第五部分 · o1 vs DeepSeek-R1`,
  },
  {
    slug: 'claude-3-5-sonnet',
    displayName: 'Claude 3.5 Sonnet',
    provider: 'anthropic',
    family: 'Anthropic',
    route: 'dense',
    deployment: 'closed_api',
    latencyClass: 'standard',
    ratings: r(5, 4.5, 4.5, 5, 5, 4.5),
    aliases: [
      'claude-3-5-sonnet-20241022',
      'claude-3-5-sonnet-20240620',
      'claude-3-5-sonnet-latest',
      'claude-3.5-sonnet',
      'anthropic/claude-3-5-sonnet',
      'anthropic/claude-3.5-sonnet',
      'anthropic/claude-3-5-sonnet-20241022',
      'openrouter/anthropic/claude-3.5-sonnet',
      'anthropic.claude-3-5-sonnet-20241022-v2:0',
      'anthropic.claude-3-5-sonnet-20240620-v1:0',
      'us.anthropic.claude-3-5-sonnet-20241022-v2:0',
      'vertex_ai/claude-3-5-sonnet',
      'vertex_ai/claude-3-5-sonnet@20240620',
      'vertex_ai/claude-3-5-sonnet-v2@20241022',
    ],
    citation: `${COST_TABLE}; ${DENSE}; ${MATRIX}`,
  },
  {
    slug: 'llama-3.1-405b',
    displayName: 'Llama 3.1 405B',
    provider: 'meta',
    family: 'Meta',
    route: 'dense',
    deployment: 'open_weights_api',
    latencyClass: 'standard',
    parameters: '405B',
    ratings: r(4, 4, 4, 4.5, 4.5, 4),
    aliases: [
      'llama-3.1-405b-instruct',
      'meta-llama/llama-3.1-405b-instruct',
      'meta-llama/meta-llama-3.1-405b-instruct',
      'together_ai/meta-llama/meta-llama-3.1-405b-instruct-turbo',
      'vertex_ai/meta/llama-3.1-405b-instruct-maas',
      'azure_ai/meta-llama-3.1-405b-instruct',
      'llama3.1:405b',
    ],
    citation: `${COST_TABLE}; ${DENSE}; ${MATRIX}; 第五部分 · Llama 3.1 405B`,
  },
  {
    slug: 'llama-3.1-70b',
    displayName: 'Llama 3.1 70B',
    provider: 'meta',
    family: 'Meta',
    route: 'dense',
    routeNote: INFERRED_DENSE,
    deployment: 'local',
    latencyClass: 'fast',
    parameters: '70B',
    // Only names used by local runtimes (ollama, vLLM serving the Hugging Face repo): a hosted-API call
    // to a 70B must not inherit the local price of 0.
    aliases: [
      'llama3.1:70b',
      'llama3.1:70b-instruct',
      'ollama/llama3.1:70b',
      'llama-3.1-70b-instruct',
      'meta-llama/llama-3.1-70b-instruct',
      'meta-llama/meta-llama-3.1-70b-instruct',
    ],
    citation: `${COST_TABLE}; 第四部分 · D. 最快的速度 + 最低延迟; 第四部分 · E. 隐私第一; 第七部分 · 快速决策树`,
  },
  {
    slug: 'code-llama',
    displayName: 'Code Llama',
    provider: 'meta',
    family: 'Meta',
    route: 'dense',
    routeNote: INFERRED_DENSE,
    deployment: 'local',
    deploymentNote: 'Inferred: listed on the open-source Meta line of the lineage tree; Meta offers no first-party API.',
    latencyClass: 'fast',
    aliases: [
      'codellama',
      'codellama:7b',
      'codellama:13b',
      'codellama:34b',
      'codellama:70b',
      'ollama/codellama',
      'codellama/codellama-34b-instruct-hf',
      'codellama/codellama-70b-instruct-hf',
      'meta-llama/codellama-70b-instruct-hf',
    ],
    citation: '模型谱系树（技术进化） · Meta 路线',
  },
  {
    slug: 'mistral-large',
    displayName: 'Mistral Large',
    provider: 'mistral',
    family: 'Mistral',
    route: 'dense',
    routeNote: INFERRED_DENSE,
    deployment: 'local',
    deploymentNote: 'Part 4 E recommends it, with Llama 3.1 70B, for data that must stay on premises (开源权重，完全可控).',
    latencyClass: 'fast',
    aliases: [
      'mistral-large-latest',
      'mistral-large-2402',
      'mistral-large-2407',
      'mistral-large-2411',
      'mistral/mistral-large-latest',
      'mistral/mistral-large-2407',
      'mistral/mistral-large-2411',
      'mistralai/mistral-large-instruct-2407',
      'mistralai/mistral-large-instruct-2411',
      'mistral-large:123b',
      'ollama/mistral-large',
    ],
    citation: '第四部分 · E. 隐私第一; 模型谱系树（技术进化） · 开源其他',
  },
  {
    slug: 'mixtral',
    displayName: 'Mixtral',
    provider: 'mistral',
    family: 'Mistral',
    route: 'moe',
    deployment: 'open_weights_api',
    deploymentNote: 'Inferred: open weights (开源其他 branch) and served by Mistral\'s API.',
    latencyClass: 'standard',
    aliases: [
      'mixtral-8x7b',
      'mixtral-8x22b',
      'open-mixtral-8x7b',
      'open-mixtral-8x22b',
      'mistral/open-mixtral-8x7b',
      'mistral/open-mixtral-8x22b',
      'mistralai/mixtral-8x7b-instruct-v0.1',
      'mistralai/mixtral-8x22b-instruct-v0.1',
      'mixtral:8x7b',
      'mixtral:8x22b',
    ],
    citation: `${MOE}; 第六部分 · 趋势 1`,
  },
  {
    slug: 'qwen2-0.5b',
    displayName: 'Qwen2-0.5B',
    provider: 'qwen',
    family: 'Qwen',
    route: 'small',
    deployment: 'local',
    latencyClass: 'fast',
    parameters: '0.5B',
    aliases: ['qwen2:0.5b', 'qwen2-0.5b-instruct', 'qwen/qwen2-0.5b', 'qwen/qwen2-0.5b-instruct', 'ollama/qwen2:0.5b'],
    citation: SMALL,
  },
  {
    slug: 'grok-2',
    displayName: 'Grok-2',
    provider: 'xai',
    family: 'xAI',
    route: 'moe',
    deployment: 'closed_api',
    deploymentNote: 'Inferred: the document names Grok-2 only as an MoE example; xAI serves it by API.',
    latencyClass: 'standard',
    aliases: ['grok-2-latest', 'grok-2-1212', 'xai/grok-2', 'xai/grok-2-latest', 'xai/grok-2-1212'],
    citation: MOE,
  },
  {
    slug: 'phi-3',
    displayName: 'Phi-3',
    provider: 'microsoft',
    family: 'Microsoft',
    route: 'small',
    deployment: 'local',
    latencyClass: 'fast',
    parameters: '3.8B',
    // 3.8B is Phi-3-mini; the 7B small and 14B medium variants are other models.
    aliases: [
      'phi3',
      'phi3:mini',
      'phi3:3.8b',
      'phi-3-mini',
      'phi-3-mini-4k-instruct',
      'phi-3-mini-128k-instruct',
      'microsoft/phi-3-mini-4k-instruct',
      'microsoft/phi-3-mini-128k-instruct',
      'azure_ai/phi-3-mini-4k-instruct',
      'azure_ai/phi-3-mini-128k-instruct',
    ],
    citation: `${SMALL}; 第四部分 · F. 成本极其敏感（边缘设备）`,
  },
  {
    slug: 'gemma-2-2b',
    displayName: 'Gemma-2 2B',
    provider: 'google',
    family: 'Google',
    route: 'small',
    deployment: 'local',
    latencyClass: 'fast',
    parameters: '2B',
    aliases: ['gemma2:2b', 'gemma-2-2b-it', 'google/gemma-2-2b', 'google/gemma-2-2b-it', 'ollama/gemma2:2b'],
    citation: `${SMALL}; 第四部分 · F. 成本极其敏感（边缘设备）`,
  },
]

const tablePrice = (slug: string, per1k: string, input: string, note: string, citation = COST_TABLE): DocumentPrice => ({
  slug,
  effectiveFrom: DOCUMENT_PRICE_EFFECTIVE_FROM,
  per1k,
  input,
  output: input,
  cacheRead: null,
  cacheWrite: null,
  reasoning: null,
  source: 'document',
  derived: false,
  note,
  citation,
})

const BLENDED = 'The document gives one blended price per 1K tokens; input and output use it until edited.'

// Per-1K figures × 1000 = per-1M. Models the document prices nowhere get no version at all: unpriced
// is not free.
export const documentPrices: readonly DocumentPrice[] = [
  tablePrice('gpt-4o', '0.005', '5', BLENDED),
  tablePrice('o1', '0.020', '20', BLENDED),
  tablePrice('deepseek-v3', '0.0005', '0.5', BLENDED),
  tablePrice('claude-3-5-sonnet', '0.003', '3', BLENDED),
  tablePrice('llama-3.1-405b', '0.0004', '0.4', BLENDED),
  tablePrice(
    'llama-3.1-70b',
    '0',
    '0',
    '本地部署免费: a real price of 0 for local deployment. Replace it with an infrastructure-derived price (GPU-hour rate ÷ throughput) to account for hardware cost.',
  ),
  {
    ...tablePrice(
      'deepseek-r1',
      '0.00055',
      '0.55',
      'Derived: the document compares o1 and R1 as "$20/100K vs $0.55", so R1 = o1 × 0.55 / 20 = $0.00055/1K.',
      '第五部分 · o1 vs DeepSeek-R1',
    ),
    derived: true,
  },
]

/** The ratio the document gives between R1 and o1 ("$20/100K vs $0.55"). */
export const R1_TO_O1_PRICE_RATIO = { numerator: '0.55', denominator: '20' } as const
