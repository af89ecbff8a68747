import { PageSkeleton } from '@/components/ui/page-skeleton'

export default function Loading() {
  return <PageSkeleton label="Loading spend" title="Spend" description="Loading spend from the rollups…" rows={[{ height: 'h-20' }, { height: 'h-28', columns: 4 }, { height: 'h-80' }, { height: 'h-64', columns: 2 }]} />
}
