import { capPer1MFromPer1k } from '@/lib/policy/price-cap'
import { maskSecrets } from './mask-url'

export type AuditDiffLine = { key: string; kind: 'added' | 'removed' | 'changed'; before: string | null; after: string | null }

const MAX_CHARS = 160

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text
}

// Stored keys shown in another unit: the policy keeps its price cap per 1K tokens, people read prices per 1M.
const shownAs: Readonly<Record<string, { key: string; value: (v: unknown) => unknown }>> = {
  maxPricePer1k: { key: 'maxPricePer1M', value: (v) => (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? capPer1MFromPer1k(v) : v) },
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * What an audit row changed, key by key: only keys whose value differs (a policy save lists the
 * three fields that moved, not all twelve). A create has no before, a delete no after.
 */
export function auditDiff(rawBefore: unknown, rawAfter: unknown): AuditDiffLine[] {
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
    const as = shownAs[key]
    const value = (v: unknown) => show(as ? as.value(v) : v)
    lines.push({
      key: as?.key ?? key,
      kind: inBefore && inAfter ? 'changed' : inAfter ? 'added' : 'removed',
      before: inBefore ? value(b[key]) : null,
      after: inAfter ? value(a[key]) : null,
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
