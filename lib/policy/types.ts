import type { DataClass, Deployment, PriceSource, Route, Severity, TaskType } from '@prisma/client'
import type { Decimal } from '@/lib/pricing/decimal'
import type { PriceIndex } from '@/lib/pricing/price-version'
import type { CatalogModel } from '@/lib/catalog/match-model'
import type { TokenBuckets } from '@/lib/usage/token-buckets'
import type { RuleId } from './rule-definitions'

/** A team's policy as the rules read it (the version in force, already parsed). */
export type TeamPolicyRules = {
  /** null: the team has never saved a policy; the empty policy applies. */
  version: number | null
  /** Empty = every model is allowed. */
  allowedModels: readonly string[]
  blockedModels: readonly string[]
  localDataClasses: readonly DataClass[]
  defaultModels: Readonly<Partial<Record<TaskType, string>>>
  /** USD per 1K input tokens, as stored (people read it per 1M: lib/policy/price-cap.ts). */
  maxPricePer1k: Decimal | null
  monthlyBudget: Decimal | null
  /** The whole team is critical business (Part 5: medical, finance). */
  critical: boolean
}

export const emptyTeamPolicy: TeamPolicyRules = {
  version: null,
  allowedModels: [],
  blockedModels: [],
  localDataClasses: [],
  defaultModels: {},
  maxPricePer1k: null,
  monthlyBudget: null,
  critical: false,
}

/** Month-to-date spend and a forecast for the month, computed outside the pure rules. */
export type BudgetState = { spent: Decimal; forecast: Decimal; budget: Decimal | null }

export type PolicyModel = {
  id: number
  slug: string
  displayName: string
  route: Route
  deployment: Deployment
  latencyClass: string
}

export type PolicyCatalog = {
  bySlug: ReadonlyMap<string, PolicyModel>
  byId: ReadonlyMap<number, PolicyModel>
  /** Where a price version came from (the document, a manual edit, an infrastructure estimate …). */
  priceSource: (priceVersionId: number) => PriceSource | null
}

/** Everything the pure rules need besides the call itself. */
export type PolicyContext = {
  policy: TeamPolicyRules
  catalog: PolicyCatalog
  prices: PriceIndex
  budgetState: BudgetState | null
}

/**
 * Facts about a call that depend on its per-event sizes and tags. For one event they are computed
 * from the event (eventTraits); for a group of events the what-if query computes them in SQL with the
 * same thresholds, so the rules can run on summed token buckets.
 */
export type CallTraits = {
  /** tags.critical === 'true'. The team-wide flag is read from the policy separately. */
  criticalTag: boolean
  /** task realtime, or a latency budget (tags.latency_budget_ms) a reasoning model cannot meet. */
  latencySensitive: boolean
  /** ≤ SMALL_OUTPUT_TOKENS output tokens and no reasoning tokens. */
  smallOutput: boolean
}

/** One call, or a group of calls that share model, task, data class, traits and price versions. */
export type PolicySubject = {
  ts: Date
  modelId: number | null
  /** As sent, for unmatched models (policy allow-lists still apply to them). */
  modelRaw: string | null
  calls: number
  buckets: TokenBuckets
  /** null = unpriced. */
  cost: Decimal | null
  task: TaskType | null
  dataClass: DataClass | null
  traits: CallTraits
  /** Observed latency of a single call, for the reason text only. */
  latencyMs: number | null
  latencyBudgetMs: number | null
}

export type Finding = {
  ruleId: RuleId
  severity: Severity
  /** Catalog slug; null when every candidate is blocked, disallowed or unknown. */
  suggestedModel: string | null
  /** Why the rule fired, without the suggestion: one clause. */
  summary: string
  /** The summary plus what to do instead and what it would save. */
  reason: string
  citation: string
  /** actual cost − cost at the suggested model, for the call's own tokens. Negative: the suggestion
   *  costs more (a risk fix can). null when either side is unpriced ("saving unknown", never 0). */
  estimatedSaving: Decimal | null
  savingKnown: boolean
  /** Where the suggested model's price comes from (a local model: document 0 or an infrastructure estimate). */
  suggestionPriceSource?: PriceSource | null
  /** Cost of the call at the suggested model, when priced. */
  suggestedCost?: Decimal | null
}

/** The advice stored on an event: the top finding, reduced to what usage_events keeps. */
export type Advice = {
  rule: string
  severity: Severity
  suggestedModelId: number | null
  estimatedSaving: Decimal | null
}

/** What the policy module sees of an event, and may turn into advice. */
export type AdvisableEvent = {
  teamId: number
  ts: Date
  model: CatalogModel | null
  buckets: TokenBuckets
  cost: Decimal | null
  task: TaskType | null
  dataClass: DataClass | null
  latencyMs: number | null
  tags: Record<string, string> | null
}
