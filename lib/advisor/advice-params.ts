import type { Severity, TaskType } from '@prisma/client'
import { taskTypes } from '@/lib/ingest/usage-event-schema'
import { advicePeriods, type AdvicePeriod } from '@/lib/advisor/advice-windows'
import { datePresetLabels } from '@/lib/reports/date-presets'

// The advice page's state lives in the URL so a view (and a what-if run) can be shared: the period and
// team for everything, rule / severity for the flagged-calls list, wi_* for the what-if panel.

export type SearchParams = Record<string, string | string[] | undefined>

export const periods = advicePeriods
export type Period = AdvicePeriod
export const periodLabels: Record<Period, string> = datePresetLabels

export const severities = ['risk', 'warning', 'saving', 'info'] as const satisfies readonly Severity[]

export const whatIfDays = [7, 30, 90] as const
export type WhatIfDays = (typeof whatIfDays)[number]

export type AdviceFilters = { period: Period; team: string | null; rule: string | null; severity: Severity | null }

export type WhatIfParams = {
  run: boolean
  /** A team slug, 'all', or null (= the reader's own team, or all for an org-wide reader). */
  team: string | null
  days: WhatIfDays
  mode: 'advice' | 'policy'
  blocked: string[]
  allowed: string[]
  local: string[]
  defaults: Partial<Record<TaskType, string>>
  /** The model every moved call goes to (as typed; checked against the catalog on the run), or null: where the rules suggest. */
  target: string | null
  /** Problems with the parameters themselves (days out of range …); policy problems come from the zod schema. */
  errors: string[]
}

function first(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v
  const t = s?.trim()
  return t === '' ? undefined : t
}

function all(v: string | string[] | undefined): string[] {
  return (Array.isArray(v) ? v : v === undefined ? [] : [v])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

export function parseAdviceFilters(sp: SearchParams): AdviceFilters {
  const period = first(sp.period)
  const severity = first(sp.severity)
  return {
    period: (periods as readonly string[]).includes(period ?? '') ? (period as Period) : 'month',
    team: first(sp.team)?.toLowerCase() ?? null,
    rule: first(sp.rule) ?? null,
    severity: (severities as readonly string[]).includes(severity ?? '') ? (severity as Severity) : null,
  }
}

export function parseWhatIfParams(sp: SearchParams): WhatIfParams {
  const errors: string[] = []
  const rawDays = first(sp.wi_days)
  const days = rawDays === undefined ? 30 : Number(rawDays)
  if (!(whatIfDays as readonly number[]).includes(days)) errors.push(`Days must be one of ${whatIfDays.join(', ')} (got ${rawDays})`)
  const defaults: Partial<Record<TaskType, string>> = {}
  for (const task of taskTypes) {
    const slug = first(sp[`wi_default_${task}`])
    if (slug) defaults[task] = slug
  }
  return {
    run: first(sp.wi) === '1',
    team: first(sp.wi_team)?.toLowerCase() ?? null,
    days: (whatIfDays as readonly number[]).includes(days) ? (days as WhatIfDays) : 30,
    mode: first(sp.wi_mode) === 'policy' ? 'policy' : 'advice',
    blocked: all(sp.wi_blocked),
    allowed: all(sp.wi_allowed),
    local: all(sp.wi_local),
    defaults,
    target: first(sp.wi_target) ?? null,
    errors,
  }
}

/** Rebuilds a query string from the current params with some replaced or dropped (undefined / null / []). */
export function withParams(sp: SearchParams, over: Record<string, string | string[] | null | undefined> = {}): string {
  const q = new URLSearchParams()
  const keys = new Set([...Object.keys(sp), ...Object.keys(over)])
  for (const key of keys) {
    const value = key in over ? over[key] : sp[key]
    if (value === null || value === undefined) continue
    for (const v of Array.isArray(value) ? value : [value]) if (v !== '') q.append(key, v)
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

export const whatIfParamNames = (key: string) => key === 'wi' || key.startsWith('wi_')
