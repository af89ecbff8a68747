import { Decimal } from '@/lib/pricing/decimal'
import { formatPerMillion, formatUsd } from '@/components/ui/format'
import { maskSecrets } from './mask-url'

export type AuditDiffLine = { key: string; kind: 'added' | 'removed' | 'changed'; before: string | null; after: string | null }

const MAX_CHARS = 160

type Money = 'total' | 'perMillion' | 'perThousand'

// The recorded fields that are money, by entity type, shown as the rest of the UI shows them: budgets
// and totals in dollars and cents, prices per 1M tokens. The policy's price cap is stored per 1K
// tokens; it reads per 1M like every other price.
const moneyFields: Partial<Record<string, Partial<Record<string, Money>>>> = {
  team_policy: { monthlyBudget: 'total', maxPricePer1k: 'perThousand' },
  month_close: { totalCost: 'total', budget: 'total' },
  price_version: { input: 'perMillion', output: 'perMillion', cacheRead: 'perMillion', cacheWrite: 'perMillion', reasoning: 'perMillion' },
}

function asMoney(kind: Money, value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null
  let amount: Decimal
  try {
    amount = new Decimal(value)
  } catch {
    return null
  }
  if (!amount.isFinite()) return null
  if (kind === 'total') return formatUsd(amount)
  return `${formatPerMillion(kind === 'perThousand' ? amount.times(1000) : amount)}/1M tokens`
}

function show(value: unknown, money?: Money): string {
  const text = (money && asMoney(money, value)) ?? (typeof value === 'string' ? value : JSON.stringify(value))
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * What an audit row changed, key by key: only keys whose value differs (a policy save lists the
 * three fields that moved, not all twelve). A create has no before, a delete no after.
 */
export function auditDiff(rawBefore: unknown, rawAfter: unknown, entityType = ''): AuditDiffLine[] {
  const money = moneyFields[entityType] ?? {}
  const before = maskSecrets(rawBefore ?? null)
  const after = maskSecrets(rawAfter ?? null)
  if (!isRecord(before) && !isRecord(after)) {
    if (JSON.stringify(before) === JSON.stringify(after)) return []
    return [{ key: '', kind: before === null ? 'added' : after === null ? 'removed' : 'changed', before: before === null ? null : show(before), after: after === null ? null : show(after) }]
  }
  const b = isRecord(before) ? before : {}
  const a = isRecord(after) ? after : {}
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])]
  const lines: AuditDiffLine[] = []
  for (const key of keys) {
    const inBefore = key in b && isRecord(before)
    const inAfter = key in a && isRecord(after)
    if (inBefore && inAfter && JSON.stringify(b[key]) === JSON.stringify(a[key])) continue
    lines.push({
      // The cap's stored name says per 1K; its value is shown per 1M, and so is its name.
      key: money[key] === 'perThousand' ? key.replace(/1k$/, '1M') : key,
      kind: inBefore && inAfter ? 'changed' : inAfter ? 'added' : 'removed',
      before: inBefore ? show(b[key], money[key]) : null,
      after: inAfter ? show(a[key], money[key]) : null,
    })
  }
  return lines
}

const labelKeys = ['email', 'slug', 'prefix', 'name', 'model', 'team'] as const

/** A human name for the changed entity, read from the row itself (e.g. the user's email). */
export function auditEntityLabel(before: unknown, after: unknown): string | null {
  for (const source of [after, before]) {
    if (!isRecord(source)) continue
    for (const k of labelKeys) {
      const v = source[k]
      if (typeof v === 'string' && v !== '') return v
    }
  }
  return null
}
