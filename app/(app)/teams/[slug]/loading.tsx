function Block({ className }: { className: string }) {
  return <div className={`animate-pulse rounded-tremor-default border border-tremor-border-default bg-white shadow-tremor-card ${className}`} />
}

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading team">
      <div className="mb-6 h-8 w-64 animate-pulse rounded-tremor-small bg-tremor-background-subtle" />
      <div className="mb-6 grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <Block key={i} className="h-28" />
        ))}
      </div>
      <Block className="mb-6 h-80" />
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Block className="h-64" />
        <Block className="h-64" />
      </div>
    </div>
  )
}
