import { PageSkeleton } from '@/components/ui/page-skeleton'

export default function Loading() {
  return <PageSkeleton label="Loading teams" title="Teams" description="Loading teams and this month's spend…" rows={[{ height: 'h-96' }]} />
}
