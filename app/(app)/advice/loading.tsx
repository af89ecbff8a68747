import { PageSkeleton } from '@/components/ui/page-skeleton'

export default function Loading() {
  return <PageSkeleton label="Loading advice" title="Advice" description="Loading advice, rollups and flagged calls…" rows={[{ height: 'h-16' }, { height: 'h-28', columns: 4 }, { height: 'h-64', columns: 2 }, { height: 'h-96' }]} />
}
