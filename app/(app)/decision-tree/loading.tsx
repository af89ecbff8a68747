import { PageHeader } from '@/components/ui/page-header'

function Block({ className }: { className: string }) {
  return <div className={`animate-pulse rounded-tremor-default border border-tremor-border-default bg-white shadow-tremor-card ${className}`} />
}

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading the decision tree">
      <PageHeader title="Decision tree" description="Loading the tree and live prices…" />
      <Block className="mb-5 h-10" />
      <Block className="mb-6 h-48" />
      <Block className="h-96" />
    </div>
  )
}
