import type { Severity } from '@prisma/client'
import type { ReactNode } from 'react'

export function CsvLink({ href, label = 'CSV' }: { href: string; label?: string }) {
  return (
    <a
      href={href}
      download
      className="shrink-0 rounded-tremor-small border border-tremor-border-default bg-white px-2 py-1 text-tremor-label font-medium text-tremor-content-emphasis shadow-tremor-input hover:bg-tremor-background-subtle"
    >
      {label}
    </a>
  )
}

/** A titled white card; `csv` adds the download link for the rows behind it. */
export function Section({
  title,
  description,
  csv,
  children,
  className = '',
  testId,
  tone = 'plain',
}: {
  title: string
  description?: ReactNode
  csv?: string
  children: ReactNode
  className?: string
  testId?: string
  tone?: 'plain' | 'risk'
}) {
  const border = tone === 'risk' ? 'border-red-200 border-l-4 border-l-red-500' : 'border-tremor-border-default'
  return (
    <section aria-label={title} data-testid={testId} className={`min-w-0 rounded-tremor-default border ${border} bg-white p-4 shadow-tremor-card sm:p-5 ${className}`}>
      <div className="mb-3 flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="text-tremor-title font-semibold text-tremor-content-strong">{title}</h2>
          {description ? <div className="mt-0.5 text-tremor-label text-tremor-content">{description}</div> : null}
        </div>
        {csv ? <CsvLink href={csv} /> : null}
      </div>
      {children}
    </section>
  )
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="rounded-tremor-small bg-tremor-background-muted px-3 py-6 text-center text-tremor-default text-tremor-content">{children}</p>
}

export function Kpi({ label, value, hint, testId, tone = 'plain' }: { label: string; value: ReactNode; hint?: ReactNode; testId?: string; tone?: 'plain' | 'risk' }) {
  return (
    <div className={`min-w-0 rounded-tremor-default border bg-white p-4 shadow-tremor-card ${tone === 'risk' ? 'border-red-200' : 'border-tremor-border-default'}`}>
      <p className="text-tremor-default text-tremor-content">{label}</p>
      <p className={`mt-1 truncate text-tremor-metric font-semibold tabular-nums ${tone === 'risk' ? 'text-red-700' : 'text-tremor-content-strong'}`} data-testid={testId}>
        {value}
      </p>
      {hint ? <div className="mt-1 text-tremor-label text-tremor-content">{hint}</div> : null}
    </div>
  )
}

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
