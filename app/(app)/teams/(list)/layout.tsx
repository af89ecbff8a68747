import type { ReactNode } from 'react'
import { redirect } from 'next/navigation'
import { teamScope } from '@/lib/auth/session-user'
import { requirePage } from '../../require-user'

// Runs above loading.tsx, so a team-scoped user gets a real redirect to their own team's page.
export default async function TeamsListLayout({ children }: { children: ReactNode }) {
  const user = await requirePage('teams')
  const scope = teamScope(user, 'teams')
  if (scope.kind === 'team' && user.teamSlug) redirect(`/teams/${user.teamSlug}`)
  if (scope.kind !== 'all') redirect('/forbidden?need=teams:read:all')
  return children
}
