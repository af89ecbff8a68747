import type { Metadata } from 'next'
import { ComingSoon } from '@/components/ui/coming-soon'
import { requirePage } from '../require-user'

export const metadata: Metadata = { title: 'Decision tree' }

export default async function Page() {
  await requirePage('decision-tree')
  return (
    <ComingSoon
      title="Decision tree"
      what="the Part 7 quick decision tree and the A–F questionnaire, as editable data, answering “which model should this call use?”."
      details={[
        'Walk the tree for a task and get a model with the reason',
        'The same logic the route-advice API uses',
      ]}
    />
  )
}
