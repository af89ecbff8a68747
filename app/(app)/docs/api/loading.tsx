export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-3">
      <span className="sr-only">Loading API docs…</span>
      <div className="h-8 w-48 animate-pulse rounded-tremor-default bg-tremor-background-subtle" />
      <div className="h-40 animate-pulse rounded-tremor-default bg-tremor-background-subtle" />
      <div className="h-64 animate-pulse rounded-tremor-default bg-tremor-background-subtle" />
    </div>
  )
}
