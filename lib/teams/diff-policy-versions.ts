import { capPer1MFromPer1k } from '@/lib/policy/price-cap'
import type { TeamPolicyView } from '@/lib/policy/team-policy-view'

export type PolicyChange = { field: string; before: string; after: string }

const fields = [
  ['allowedModels', 'Allowed models'],
  ['blockedModels', 'Blocked models'],
  ['localDataClasses', 'Must stay local'],
  ['defaultModels', 'Default models'],
  ['maxPricePer1k', 'Max $ per 1M input tokens'],
  ['monthlyBudget', 'Monthly budget'],
  ['alertThresholds', 'Alert thresholds'],
  ['webhookUrl', 'Webhook URL'],
  ['critical', 'Critical'],
] as const satisfies readonly (readonly [keyof TeamPolicyView, string])[]

type ComparedField = (typeof fields)[number][0]

function show(p: TeamPolicyView, field: ComparedField): string {
  const v = p[field]
  if (v === null) return '—'
  if (typeof v === 'boolean') return v ? 'yes' : 'no'
  // Stored per 1K, read per 1M like every price.
  if (field === 'maxPricePer1k' && typeof v === 'string') return capPer1MFromPer1k(v)
  if (Array.isArray(v)) return v.length === 0 ? '—' : [...v].map(String).join(', ')
  if (typeof v === 'object') {
    const entries = Object.entries(v).sort(([a], [b]) => a.localeCompare(b))
    return entries.length === 0 ? '—' : entries.map(([task, slug]) => `${task}=${slug}`).join(', ')
  }
  return String(v)
}

/** What changed from one saved policy version to the next (previous null = the first version). */
export function diffPolicyVersions(previous: TeamPolicyView | null, next: TeamPolicyView): PolicyChange[] {
  const changes: PolicyChange[] = []
  for (const [field, label] of fields) {
    const after = show(next, field)
    const before = previous ? show(previous, field) : '—'
    if (previous === null ? after !== '—' && !(field === 'critical' && !next.critical) : before !== after) changes.push({ field: label, before, after })
  }
  return changes
}
