import type { Metadata } from 'next'
import { ComingSoon } from '@/components/ui/coming-soon'
import { requirePage } from '../require-user'

export const metadata: Metadata = { title: 'Teams' }

export default async function Page() {
  await requirePage('teams')
  return (
    <ComingSoon
      title="Teams"
      what="each team with its members, budget, policy and API keys (team leads and engineers see their own team)."
      details={[
        'Monthly budget, alert thresholds and the policy in force',
        'API keys: create, show once, revoke',
        'Members and their roles',
      ]}
    />
  )
}
