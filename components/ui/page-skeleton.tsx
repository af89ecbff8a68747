import { PageHeader } from './page-header'

// The one loading state of a page (its loading.tsx): the page's header when it is known, then blocks
// shaped roughly like what is coming, so the layout does not jump when the data arrives.

/** A row of `columns` blocks of one height (a Tailwind h-* class). */
export type SkeletonRow = { height: string; columns?: 1 | 2 | 3 | 4 }

const grids = {
  1: '',
  2: 'grid grid-cols-1 gap-4 xl:grid-cols-2',
  3: 'grid grid-cols-1 gap-4 lg:grid-cols-3',
  4: 'grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4',
} as const

const defaultRows: SkeletonRow[] = [{ height: 'h-40', columns: 3 }, { height: 'h-64' }]

export function SkeletonBlock({ className }: { className: string }) {
  return <div className={`animate-pulse rounded-tremor-default border border-tremor-border-default bg-white shadow-tremor-card ${className}`} />
}

export function PageSkeleton({ label, title, description, noTimes, rows = defaultRows }: { label: string; title?: string; description?: string; noTimes?: boolean; rows?: SkeletonRow[] }) {
  return (
    <div aria-busy="true" aria-label={label} className="space-y-6">
      {title ? <PageHeader title={title} description={description} noTimes={noTimes} /> : <div className="h-8 w-64 animate-pulse rounded-tremor-small bg-tremor-background-subtle" />}
      {rows.map((row, i) => {
        const columns = row.columns ?? 1
        if (columns === 1) return <SkeletonBlock key={i} className={row.height} />
        return (
          <div key={i} className={grids[columns]}>
            {Array.from({ length: columns }, (_, j) => (
              <SkeletonBlock key={j} className={row.height} />
            ))}
          </div>
        )
      })}
    </div>
  )
}
