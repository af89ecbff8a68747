import type { ReactNode } from 'react'
import { loadVisibleTeam } from './visible-team'

// The tenant wall runs here, above loading.tsx's Suspense boundary: an unknown team is a real 404 and
// another team's page a real 403 (via /forbidden), not a streamed 200.
export default async function TeamLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  await loadVisibleTeam((await params).slug)
  return children
}
