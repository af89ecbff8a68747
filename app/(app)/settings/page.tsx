import type { Metadata } from 'next'
import { ComingSoon } from '@/components/ui/coming-soon'
import { requirePage } from '../require-user'

export const metadata: Metadata = { title: 'Settings' }

export default async function Page() {
  await requirePage('settings')
  return (
    <ComingSoon
      title="Settings"
      what="teams, users and roles, organisation API keys, queue health and the audit log."
      details={[
        'Add teams and users, change roles, disable accounts',
        'Queue admin: waiting, failed and retried jobs',
        'Audit log of price, policy, key and role changes',
      ]}
    />
  )
}
