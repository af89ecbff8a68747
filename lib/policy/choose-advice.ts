import type { Advice, Finding, PolicyCatalog } from './types'

/**
 * The event's stored advice: the most important finding (evaluatePolicy sorts them). The saving is
 * stored signed, as computed: a suggestion that costs more (a risk fix) is negative, and a sum over
 * events is then the net effect of following all advice. Unknown stays null, never 0.
 */
export function chooseAdvice(findings: readonly Finding[], catalog: PolicyCatalog): Advice | null {
  return adviceFrom(findings[0] ?? null, catalog)
}

/** The stored advice for the most important finding (topFinding), or null when there is none. */
export function adviceFrom(top: Finding | null, catalog: PolicyCatalog): Advice | null {
  if (!top) return null
  return {
    rule: top.ruleId,
    severity: top.severity,
    suggestedModelId: top.suggestedModel === null ? null : (catalog.bySlug.get(top.suggestedModel)?.id ?? null),
    estimatedSaving: top.savingKnown ? top.estimatedSaving : null,
  }
}
