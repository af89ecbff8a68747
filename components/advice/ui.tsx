import type { Severity } from '@prisma/client'

const severityTone: Record<Severity, string> = {
  risk: 'bg-red-50 text-red-700 ring-red-200',
  warning: 'bg-amber-50 text-amber-800 ring-amber-200',
  saving: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  info: 'bg-blue-50 text-blue-700 ring-blue-200',
}

export function SeverityBadge({ severity }: { severity: Severity | string | null }) {
  if (!severity) return <>—</>
  const tone = severityTone[severity as Severity] ?? 'bg-gray-50 text-gray-700 ring-gray-200'
  return <span className={`inline-flex rounded-tremor-small px-1.5 py-0.5 text-tremor-label font-medium ring-1 ring-inset ${tone}`}>{severity}</span>
}

export const th = 'px-3 py-2 text-left text-tremor-label font-semibold uppercase tracking-wide text-tremor-content'
export const thRight = `${th} text-right`
export const td = 'px-3 py-2 align-top text-tremor-default text-tremor-content-emphasis'
export const tdNum = `${td} whitespace-nowrap text-right tabular-nums`

export const buttonClass =
  'inline-flex items-center justify-center rounded-tremor-default border border-tremor-border-default bg-white px-3 py-1.5 text-tremor-default font-medium text-tremor-content-strong shadow-tremor-input hover:bg-tremor-background-subtle'
export const primaryButtonClass =
  'inline-flex items-center justify-center rounded-tremor-default bg-tremor-brand-default px-3 py-1.5 text-tremor-default font-medium text-white shadow-tremor-input hover:bg-tremor-brand-emphasis'
export const inputClass =
  'w-full rounded-tremor-default border border-tremor-border-default bg-white px-2.5 py-1.5 text-tremor-default text-tremor-content-strong shadow-tremor-input focus:border-tremor-brand-default focus:outline-none focus:ring-2 focus:ring-tremor-brand-muted'
