import type { DataClass, TaskType } from '@prisma/client'

// The five demo teams and their first policy version. Each policy exercises a different part of the
// policy module: local-only data classes (support), a business-critical team that keeps o1 (finance-ops),
// a non-critical team nudged to R1 (research), a price cap that GPT-4o exceeds (search).
// Budgets are sized to the demo traffic (~$15–160 a month per team at document prices) so that
// thresholds are crossed: support runs over budget, search passes 80 %, the others stay under.
export interface DemoPolicy {
  monthlyBudget: string
  alertThresholds: number[]
  localDataClasses: DataClass[]
  allowedModels: string[]
  blockedModels: string[]
  defaultModels: Partial<Record<TaskType, string>>
  maxPricePer1k: string | null
  critical: boolean
}

export interface DemoTeam {
  slug: string
  name: string
  policy: DemoPolicy
}

const THRESHOLDS = [50, 80, 100]

export const DEMO_TEAMS: readonly DemoTeam[] = [
  {
    slug: 'platform',
    name: 'Platform',
    policy: {
      monthlyBudget: '150',
      alertThresholds: THRESHOLDS,
      localDataClasses: ['restricted'],
      allowedModels: [],
      blockedModels: [],
      defaultModels: { batch: 'deepseek-v3', code: 'code-llama', summarize: 'llama-3.1-70b' },
      maxPricePer1k: null,
      critical: false,
    },
  },
  {
    slug: 'search',
    name: 'Search',
    policy: {
      monthlyBudget: '100',
      alertThresholds: THRESHOLDS,
      localDataClasses: ['restricted'],
      allowedModels: [],
      blockedModels: ['grok-2'],
      defaultModels: { chat: 'deepseek-v3', extract: 'deepseek-v3', summarize: 'deepseek-v3' },
      maxPricePer1k: '0.004',
      critical: false,
    },
  },
  {
    slug: 'support',
    name: 'Customer Support',
    policy: {
      monthlyBudget: '60',
      alertThresholds: THRESHOLDS,
      localDataClasses: ['confidential', 'restricted'],
      allowedModels: [],
      blockedModels: [],
      defaultModels: { realtime: 'gpt-4o', classify: 'deepseek-v3', summarize: 'llama-3.1-70b' },
      maxPricePer1k: null,
      critical: false,
    },
  },
  {
    slug: 'research',
    name: 'Research',
    policy: {
      monthlyBudget: '250',
      alertThresholds: THRESHOLDS,
      localDataClasses: ['restricted'],
      allowedModels: [],
      blockedModels: [],
      defaultModels: { math: 'deepseek-r1', reasoning: 'deepseek-r1', code: 'deepseek-v3' },
      maxPricePer1k: null,
      critical: false,
    },
  },
  {
    slug: 'finance-ops',
    name: 'Finance Operations',
    policy: {
      monthlyBudget: '40',
      alertThresholds: THRESHOLDS,
      localDataClasses: ['restricted'],
      allowedModels: [],
      blockedModels: [],
      defaultModels: { extract: 'claude-3-5-sonnet', summarize: 'claude-3-5-sonnet', reasoning: 'o1' },
      maxPricePer1k: null,
      critical: true,
    },
  },
]
