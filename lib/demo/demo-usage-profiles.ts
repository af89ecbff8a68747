import type { DataClass, TaskType } from '@prisma/client'

// How each demo team uses models. Model strings are what services really send (dated snapshots,
// provider aliases), so the demo exercises alias matching; two finance-ops strings match nothing on
// purpose and stay unpriced.
export interface UsageMix {
  model: string
  /** Provider for strings the catalog does not know. */
  provider?: string
  task: TaskType
  feature: string
  weight: number
  dataClasses: Partial<Record<DataClass, number>>
}

export type HourPattern = 'business' | 'extended' | 'nightly'

export interface UsageSpike {
  daysAgo: number
  fromHour: number
  toHour: number
  calls: number
  mix: UsageMix
}

export interface DemoUsageProfile {
  teamSlug: string
  weekdayCalls: number
  /** Weekend volume as a fraction of weekday volume. */
  weekendFactor: number
  /** Relative growth from the first to the last day of the window. */
  growth: number
  hours: HourPattern
  /** Multiplier on the last three days of each UTC month (month-end close work). */
  monthEndFactor?: number
  mix: readonly UsageMix[]
  spike?: UsageSpike
}

const OPEN: Partial<Record<DataClass, number>> = { public: 3, internal: 7 }

export const DEMO_USAGE_PROFILES: readonly DemoUsageProfile[] = [
  {
    teamSlug: 'search',
    weekdayCalls: 300,
    weekendFactor: 0.45,
    growth: 0.5,
    hours: 'business',
    mix: [
      { model: 'gpt-4o', task: 'chat', feature: 'answer-synthesis', weight: 30, dataClasses: OPEN },
      { model: 'gpt-4o-2024-08-06', task: 'extract', feature: 'entity-extract', weight: 20, dataClasses: OPEN },
      { model: 'deepseek-chat', task: 'extract', feature: 'query-rewrite', weight: 30, dataClasses: OPEN },
      { model: 'deepseek/deepseek-chat', task: 'chat', feature: 'related-questions', weight: 15, dataClasses: OPEN },
      { model: 'gpt-4o', task: 'summarize', feature: 'result-snippets', weight: 5, dataClasses: OPEN },
    ],
    // A retry loop in answer synthesis on one afternoon: the anomaly the dashboard should surface.
    spike: {
      daysAgo: 9,
      fromHour: 13,
      toHour: 17,
      calls: 2500,
      mix: { model: 'gpt-4o', task: 'chat', feature: 'answer-synthesis', weight: 1, dataClasses: { internal: 1 } },
    },
  },
  {
    teamSlug: 'support',
    weekdayCalls: 260,
    weekendFactor: 0.6,
    growth: 0.3,
    hours: 'extended',
    mix: [
      { model: 'gpt-4o-2024-11-20', task: 'realtime', feature: 'live-chat', weight: 45, dataClasses: { internal: 8, public: 2 } },
      // Confidential tickets sent to a closed API although the policy keeps them local.
      { model: 'gpt-4o-2024-11-20', task: 'chat', feature: 'ticket-reply', weight: 15, dataClasses: { confidential: 1 } },
      // A reasoning model on a simple classification task: slow and expensive for nothing.
      { model: 'o1', task: 'classify', feature: 'ticket-triage', weight: 10, dataClasses: { internal: 1 } },
      { model: 'claude-3-5-sonnet-20241022', task: 'summarize', feature: 'case-summary', weight: 20, dataClasses: { internal: 6, confidential: 4 } },
      { model: 'llama3.1:70b', task: 'summarize', feature: 'case-summary', weight: 10, dataClasses: { confidential: 7, restricted: 3 } },
    ],
  },
  {
    teamSlug: 'research',
    weekdayCalls: 110,
    weekendFactor: 0.5,
    growth: 0.8,
    hours: 'business',
    mix: [
      { model: 'o1-2024-12-17', task: 'math', feature: 'proof-checker', weight: 30, dataClasses: { internal: 1 } },
      { model: 'deepseek-reasoner', task: 'reasoning', feature: 'paper-critique', weight: 35, dataClasses: { public: 1, internal: 1 } },
      { model: 'deepseek-chat', task: 'code', feature: 'notebook-assist', weight: 20, dataClasses: OPEN },
      { model: 'claude-3-5-sonnet-latest', task: 'chat', feature: 'literature-review', weight: 15, dataClasses: OPEN },
    ],
  },
  {
    teamSlug: 'platform',
    weekdayCalls: 260,
    weekendFactor: 0.9,
    growth: 0.25,
    hours: 'nightly',
    mix: [
      { model: 'gpt-4o-2024-11-20', task: 'batch', feature: 'doc-enrichment', weight: 30, dataClasses: { internal: 1 } },
      { model: 'anthropic/claude-3.5-sonnet', task: 'batch', feature: 'log-triage', weight: 20, dataClasses: { internal: 1 } },
      { model: 'llama3.1:70b', task: 'batch', feature: 'pii-scrub', weight: 25, dataClasses: { confidential: 1, restricted: 1 } },
      { model: 'claude-3-5-sonnet-20241022', task: 'summarize', feature: 'incident-digest', weight: 15, dataClasses: { internal: 1 } },
      // Matched to Code Llama, which the document prices nowhere: unpriced, not free.
      { model: 'codellama:13b', task: 'code', feature: 'migration-bot', weight: 10, dataClasses: { internal: 1 } },
    ],
  },
  {
    teamSlug: 'finance-ops',
    weekdayCalls: 80,
    weekendFactor: 0.1,
    growth: 0.2,
    hours: 'business',
    monthEndFactor: 2.5,
    mix: [
      { model: 'claude-3-5-sonnet-latest', task: 'extract', feature: 'invoice-extract', weight: 40, dataClasses: { confidential: 1 } },
      { model: 'claude-3-5-sonnet-latest', task: 'summarize', feature: 'variance-notes', weight: 20, dataClasses: { confidential: 1 } },
      { model: 'gpt-4o-mini', provider: 'openai', task: 'classify', feature: 'gl-coding', weight: 25, dataClasses: { internal: 1 } },
      { model: 'my-finetune-v2', task: 'extract', feature: 'contract-terms', weight: 15, dataClasses: { confidential: 1 } },
    ],
  },
]
