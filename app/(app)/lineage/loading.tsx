import { PageHeader } from '@/components/ui/page-header'

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading the lineage">
      <PageHeader title="Lineage" description="Loading the family tree and your numbers…" />
      <div className="mb-6 h-96 animate-pulse rounded-tremor-default border border-tremor-border-default bg-white shadow-tremor-card" />
    </div>
  )
}
