/** The generic loading state of a page: a title bar, three cards and a table-sized block. */
export function PageSkeleton({ label }: { label: string }) {
  return (
    <div aria-busy="true" aria-label={label} className="animate-pulse space-y-4">
      <div className="h-8 w-64 rounded bg-tremor-background-subtle" />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="h-40 rounded-tremor-default bg-tremor-background-subtle" />
        <div className="h-40 rounded-tremor-default bg-tremor-background-subtle" />
        <div className="h-40 rounded-tremor-default bg-tremor-background-subtle" />
      </div>
      <div className="h-64 rounded-tremor-default bg-tremor-background-subtle" />
    </div>
  )
}
