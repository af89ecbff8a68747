import type { Suggestion } from './pick-suggestion'
import { ruleDefinition, type RuleId } from './rule-definitions'
import type { Finding, PolicySubject } from './types'

const usd = (d: { toFixed(): string }) => `$${d.toFixed()}`

function describeSuggestion(s: Suggestion | null, subject: PolicySubject): string {
  if (!s) return ' No permitted alternative: every candidate is blocked, not allowed, above the price cap, not local, or not in the catalog.'
  const target = `Use ${s.model.slug}`
  if (s.suggestedCost === null) return ` ${target}: it has no price in force, so the saving is unknown.`
  const source = s.model.deployment === 'local' ? ` (local; price source: ${s.priceSource ?? 'unknown'})` : ''
  if (subject.cost === null) return ` ${target}${source}: ${usd(s.suggestedCost)} for these tokens; the current model is unpriced, so the saving is unknown.`
  const saving = s.estimatedSaving
  if (saving === null) return ` ${target}${source}.`
  const delta = saving.isNegative() ? `costs ${usd(saving.negated())} more` : `saves ${usd(saving)}`
  return ` ${target}${source}: ${usd(s.suggestedCost)} instead of ${usd(subject.cost)} for these tokens (${delta}).`
}

/**
 * A rule's finding. The summary and reason are written when first read: ingest stores only the rule,
 * severity, suggestion and saving of every event's top finding, and never reads the texts. `why` may be
 * a function for the same reason, where writing it costs more than a template (money amounts).
 */
export function makeFinding(ruleId: RuleId, why: string | (() => string), suggestion: Suggestion | null, subject: PolicySubject): Finding {
  const def = ruleDefinition(ruleId)
  let summary: string | undefined
  let reason: string | undefined
  return {
    ruleId,
    severity: def.severity,
    suggestedModel: suggestion?.model.slug ?? null,
    get summary() {
      return (summary ??= `${typeof why === 'string' ? why : why()}${def.quote ? ` (“${def.quote.en}”)` : ''}`)
    },
    get reason() {
      return (reason ??= `${this.summary}.${describeSuggestion(suggestion, subject)}`)
    },
    citation: def.citation,
    estimatedSaving: suggestion?.estimatedSaving ?? null,
    savingKnown: suggestion?.savingKnown ?? false,
    suggestionPriceSource: suggestion?.priceSource ?? null,
    suggestedCost: suggestion?.suggestedCost ?? null,
  }
}
