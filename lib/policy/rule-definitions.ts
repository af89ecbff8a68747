import type { Severity } from '@prisma/client'
import { modelGuidance, o1VersusR1 } from './document/model-guidance'
import { questionnaireAnswer } from './document/questionnaire'
import type { Citation, DocText } from './document/types'

// Every advice rule as data: id (stored on the event as advice_rule), severity, citation and the
// candidate models it suggests. The predicates live in rules/*.ts; what they suggest and why lives here.
// The array order is the tie-break between findings of equal severity.

export type RuleSource = 'document' | 'team-policy' | 'budget'

export type RuleDefinition = {
  id: string
  source: RuleSource
  severity: Severity
  title: string
  citation: Citation
  /** The document's own words, where the rule quotes it, with their English. */
  quote?: DocText
  /** Suggested models, most preferred first. Empty: the candidates depend on the team policy. */
  candidates: readonly string[]
  /** 'cheapest': order the candidates by their price at the event's time (unpriced last). */
  order: 'listed' | 'cheapest'
}

const reasoningAnti = modelGuidance.find((g) => g.models.includes('o1'))?.antiUses ?? []
const gpt4oAnti = modelGuidance.find((g) => g.models.includes('gpt-4o'))?.antiUses ?? []
const docText = (t: DocText | undefined): DocText | undefined => (t ? { en: t.en, zh: t.zh } : undefined)
const cite = (list: readonly (DocText & { citation: string })[], i: number) => ({ citation: list[i]?.citation ?? '', quote: docText(list[i]) })

export const ruleDefinitions = [
  {
    id: 'policy.local-data-class',
    source: 'team-policy',
    severity: 'risk',
    title: 'Data class that must stay local sent to a non-local deployment',
    citation: `team policy · localDataClasses; ${questionnaireAnswer('E').citation}`,
    quote: questionnaireAnswer('E').statement,
    candidates: questionnaireAnswer('E').recommended,
    order: 'listed',
  },
  {
    id: 'doc.critical-on-r1',
    source: 'document',
    severity: 'risk',
    title: 'Critical business on DeepSeek-R1',
    citation: o1VersusR1.criticalBusiness.citation,
    quote: docText(o1VersusR1.criticalBusiness),
    candidates: ['o1'],
    order: 'listed',
  },
  {
    id: 'policy.blocked-model',
    source: 'team-policy',
    severity: 'warning',
    title: 'Model blocked by the team policy',
    citation: 'team policy · blockedModels',
    candidates: [],
    order: 'listed',
  },
  {
    id: 'policy.not-allowed',
    source: 'team-policy',
    severity: 'warning',
    title: 'Model not on the team’s allowed list',
    citation: 'team policy · allowedModels',
    candidates: [],
    order: 'listed',
  },
  {
    id: 'policy.over-price-cap',
    source: 'team-policy',
    severity: 'warning',
    title: 'Model priced above the team’s cap per 1M input tokens',
    citation: 'team policy · maxPricePer1k',
    candidates: [],
    order: 'listed',
  },
  {
    id: 'doc.confidential-to-closed-api',
    source: 'document',
    severity: 'warning',
    title: 'Confidential or restricted data sent to a closed API',
    citation: questionnaireAnswer('E').citation,
    quote: questionnaireAnswer('E').statement,
    candidates: questionnaireAnswer('E').recommended,
    order: 'listed',
  },
  {
    id: 'doc.reasoning-on-realtime',
    source: 'document',
    severity: 'warning',
    title: 'Reasoning model on a real-time / latency-sensitive call',
    ...cite(reasoningAnti, 0),
    // D's fast local models first, then the standard-latency API models when local ones are not allowed.
    candidates: [...questionnaireAnswer('D').recommended, 'gpt-4o', 'deepseek-v3'],
    order: 'listed',
  },
  {
    id: 'doc.reasoning-on-simple-task',
    source: 'document',
    severity: 'saving',
    title: 'Reasoning model on a simple task',
    ...cite(reasoningAnti, 1),
    candidates: ['gpt-4o', 'deepseek-v3'],
    order: 'cheapest',
  },
  {
    id: 'doc.batch-on-premium',
    source: 'document',
    severity: 'saving',
    title: 'Batch workload on a premium closed model',
    citation: modelGuidance.find((g) => g.models.includes('deepseek-v3'))?.uses[0]?.citation ?? '',
    quote: docText(modelGuidance.find((g) => g.models.includes('deepseek-v3'))?.uses[0]),
    candidates: ['deepseek-v3', 'llama-3.1-405b'],
    order: 'listed',
  },
  {
    id: 'doc.o1-for-internal-tools',
    source: 'document',
    severity: 'saving',
    title: 'o1 on non-critical work: R1 does it for a fraction',
    citation: o1VersusR1.internalTools.citation,
    quote: docText(o1VersusR1.internalTools),
    candidates: ['deepseek-r1'],
    order: 'listed',
  },
  {
    id: 'budget.over-budget',
    source: 'budget',
    severity: 'saving',
    title: 'Team over (or forecast over) its monthly budget',
    citation: `team policy · monthlyBudget; ${questionnaireAnswer('C').citation}`,
    quote: questionnaireAnswer('C').statement,
    // Reasoning calls stay on a reasoning model: R1 is the budget one (Part 4 B "R1 极便宜").
    candidates: ['deepseek-v3', 'deepseek-r1'],
    order: 'listed',
  },
  {
    id: 'policy.default-model',
    source: 'team-policy',
    severity: 'info',
    title: 'Not the team’s default model for this task',
    citation: 'team policy · defaultModels',
    candidates: [],
    order: 'listed',
  },
  {
    id: 'doc.gpt-4o-reasoning-ceiling',
    source: 'document',
    severity: 'info',
    title: 'GPT-4o on hard reasoning: its reasoning has a ceiling',
    ...cite(gpt4oAnti, 0),
    candidates: ['deepseek-r1', 'o1'],
    order: 'listed',
  },
] as const satisfies readonly RuleDefinition[]

export type RuleId = (typeof ruleDefinitions)[number]['id']

const byId = new Map<string, RuleDefinition>(ruleDefinitions.map((r) => [r.id, r]))
const rank = new Map<string, number>(ruleDefinitions.map((r, i) => [r.id, i]))

export function ruleDefinition(id: RuleId): RuleDefinition {
  return byId.get(id) as RuleDefinition
}

export function ruleRank(id: RuleId): number {
  return rank.get(id) ?? Number.MAX_SAFE_INTEGER
}

export function isRuleId(value: string): value is RuleId {
  return byId.has(value)
}
