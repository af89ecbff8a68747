import type { Metadata } from 'next'
import { ComingSoon } from '@/components/ui/coming-soon'
import { requirePage } from '../require-user'

export const metadata: Metadata = { title: 'Spend' }

export default async function Page() {
  await requirePage('spend')
  return (
    <ComingSoon
      title="Spend"
      what="spend by team, model and route for the month, read from the rollups."
      details={[
        'Month-to-date cost, calls and tokens, with the unpriced-call count shown next to every total',
        'Breakdown by team, model and technical route (dense, MoE, reasoning, small)',
        'Potential saving from flagged calls and the budget burn-down per team',
      ]}
    />
  )
}
