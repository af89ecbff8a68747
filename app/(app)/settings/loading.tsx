import { PageSkeleton } from '@/components/ui/page-skeleton'

export default function Loading() {
  return <PageSkeleton label="Loading settings" rows={[{ height: 'h-24' }, { height: 'h-64' }]} />
}
