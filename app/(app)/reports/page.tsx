import type { Metadata } from 'next'
import { ComingSoon } from '@/components/ui/coming-soon'
import { requirePage } from '../require-user'

export const metadata: Metadata = { title: 'Reports' }

export default async function Page() {
  await requirePage('reports')
  return (
    <ComingSoon
      title="Reports"
      what="monthly statements per team, month close, and chargeback exports (CSV, FOCUS)."
      details={[
        'Close a month: freeze each team statement so numbers stop moving',
        'Export the month as CSV or FOCUS for chargeback',
      ]}
    />
  )
}
