import type { ReactNode } from 'react'

// The cards every dashboard page is built from: titled sections, KPIs, empty states, CSV links.

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

export function Kpi({ label, value, hint, testId, title, tone = 'plain' }: { label: string; value: ReactNode; hint?: ReactNode; testId?: string; title?: string; tone?: 'plain' | 'risk' }) {
  return (
    <div className={`min-w-0 rounded-tremor-default border bg-white p-4 shadow-tremor-card ${tone === 'risk' ? 'border-red-200' : 'border-tremor-border-default'}`} title={title}>
      <p className="text-tremor-default text-tremor-content">{label}</p>
      <p className={`mt-1 truncate text-tremor-metric font-semibold tabular-nums ${tone === 'risk' ? 'text-red-700' : 'text-tremor-content-strong'}`} data-testid={testId}>
        {value}
      </p>
      {hint ? <div className="mt-1 text-tremor-label text-tremor-content">{hint}</div> : null}
    </div>
  )
}
