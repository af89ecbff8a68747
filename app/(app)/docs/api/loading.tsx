import { PageSkeleton } from '@/components/ui/page-skeleton'

export default function Loading() {
  return <PageSkeleton label="Loading API docs" rows={[{ height: 'h-40' }, { height: 'h-64' }]} />
}
