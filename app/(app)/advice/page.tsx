import type { Metadata } from 'next'
import { ComingSoon } from '@/components/ui/coming-soon'
import { requirePage } from '../require-user'

export const metadata: Metadata = { title: 'Advice' }

export default async function Page() {
  await requirePage('advice')
  return (
    <ComingSoon
      title="Advice"
      what="flagged calls and the cheaper or local model the policy suggests for them, with the estimated saving."
      details={[
        'Calls grouped by rule (blocked model, data class must stay local, cheaper model for the task)',
        'Suggested model and saving per group',
      ]}
    />
  )
}
