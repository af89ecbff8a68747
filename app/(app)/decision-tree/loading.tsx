import { PageSkeleton } from '@/components/ui/page-skeleton'

export default function Loading() {
  return <PageSkeleton label="Loading the decision tree" title="Decision tree" noTimes description="Loading the tree and live prices…" rows={[{ height: 'h-10' }, { height: 'h-48' }, { height: 'h-96' }]} />
}
