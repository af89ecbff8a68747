import { cache } from 'react'
import { notFound, redirect } from 'next/navigation'
import type { Team } from '@prisma/client'
import type { SessionUser } from '@/lib/auth/session-user'
import { prisma } from '@/lib/db'
import { findVisibleTeam } from '@/lib/teams/find-visible-team'
import { requirePage } from '../../require-user'

/**
 * The team in the URL for the signed-in user, or the 404 / 403 page. Called by the segment's layout
 * (outside the loading boundary, so the status code is real) and again by the page.
 */
export const loadVisibleTeam = cache(async (slug: string): Promise<{ user: SessionUser; team: Team }> => {
  const user = await requirePage('teams')
  const found = await findVisibleTeam(prisma, user, slug)
  if (found.kind === 'not_found') notFound()
  if (found.kind === 'forbidden') redirect('/forbidden?need=teams:read:all')
  return { user, team: found.team }
})
