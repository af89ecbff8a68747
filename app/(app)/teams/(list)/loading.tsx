import { PageHeader } from '@/components/ui/page-header'

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading teams">
      <PageHeader title="Teams" description="Loading teams and this month's spend…" />
      <div className="space-y-2 rounded-tremor-default border border-tremor-border-default bg-white p-4 shadow-tremor-card">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="h-8 animate-pulse rounded-tremor-small bg-tremor-background-subtle" />
        ))}
      </div>
    </div>
  )
}
