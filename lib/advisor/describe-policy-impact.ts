import { Decimal } from '@/lib/pricing/decimal'
import type { WhatIfReport } from './what-if'

// A draft policy's consequences in words, from the what-if replay of that draft over one team's recent
// calls: per rule and model the share of the team's calls it would move, where to, and the change in
// spend. Pure; money stays an exact decimal string, the caller formats it.

export type PolicyImpactLine = {
  rule: string
  fromModel: string
  calls: number
  /** Of all the team's calls in the window, one decimal; null when the team made none. */
  sharePercent: number | null
  toModels: { model: string; calls: number }[]
  /** after − before over the calls priced on both sides: negative saves. */
  spendChange: string
  /** Moved calls whose cost is unknown on one side (unpriced): not in spendChange. */
  unknownCalls: number
}

export type PolicyImpact = {
  calls: number
  movedCalls: number
  spendBefore: string
  spendAfter: string
  /** The model chosen for the moved calls, if any (see WhatIfReport.target). */
  target: WhatIfReport['target']
  lines: PolicyImpactLine[]
}

export function describePolicyImpact(report: WhatIfReport): PolicyImpact {
  const lines = new Map<string, PolicyImpactLine & { change: Decimal }>()
  for (const m of report.moves) {
    const key = `${m.rule}\u0000${m.from_model}`
    const line = lines.get(key) ?? { rule: m.rule, fromModel: m.from_model, calls: 0, sharePercent: null, toModels: [], spendChange: '0', unknownCalls: 0, change: new Decimal(0) }
    line.calls += m.calls
    line.toModels.push({ model: m.to_model, calls: m.calls })
    line.change = line.change.minus(m.saving)
    line.unknownCalls += m.saving_unknown_calls
    lines.set(key, line)
  }
  const total = report.totals.calls
  return {
    calls: total,
    movedCalls: report.totals.moved_calls,
    spendBefore: report.totals.spend_before,
    spendAfter: report.totals.spend_after,
    target: report.target,
    lines: [...lines.values()]
      .map(({ change, ...l }) => ({
        ...l,
        toModels: l.toModels.sort((a, b) => b.calls - a.calls || a.model.localeCompare(b.model)),
        sharePercent: total === 0 ? null : new Decimal(l.calls).times(100).dividedBy(total).toDecimalPlaces(1).toNumber(),
        spendChange: change.toFixed(),
      }))
      .sort((a, b) => b.calls - a.calls || a.fromModel.localeCompare(b.fromModel)),
  }
}

/** What a rule does to a model, as the start of a sentence ("blocking gpt-4o"). */
export function ruleAction(rule: string, model: string): string {
  switch (rule) {
    case 'policy.blocked-model':
      return `Blocking ${model}`
    case 'policy.not-allowed':
      return `Leaving ${model} off the allowed list`
    case 'policy.local-data-class':
      return `Keeping local-only data off ${model}`
    case 'policy.over-price-cap':
      return `The price cap on ${model}`
    case 'policy.default-model':
      return `The task defaults, for calls on ${model},`
    default:
      return `Rule ${rule} on ${model}`
  }
}
