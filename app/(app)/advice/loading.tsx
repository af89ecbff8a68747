import { PageHeader } from '@/components/ui/page-header'

function Block({ className }: { className: string }) {
  return <div className={`animate-pulse rounded-tremor-default border border-tremor-border-default bg-white shadow-tremor-card ${className}`} />
}

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading advice">
      <PageHeader title="Advice" description="Loading advice, rollups and flagged calls…" />
      <Block className="mb-6 h-16" />
      <div className="mb-6 grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <Block key={i} className="h-28" />
        ))}
      </div>
      <div className="mb-6 grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Block className="h-64" />
        <Block className="h-64" />
      </div>
      <Block className="h-96" />
    </div>
  )
}
