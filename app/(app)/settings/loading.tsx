export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-3">
      <span className="sr-only">Loading…</span>
      <div className="h-24 animate-pulse rounded-tremor-default bg-tremor-background-subtle" />
      <div className="h-64 animate-pulse rounded-tremor-default bg-tremor-background-subtle" />
    </div>
  )
}
