import type { Metadata } from 'next'
import { allPermissions, pageAreas } from '@/lib/auth/permissions'
import { ForbiddenNotice } from '@/components/ui/forbidden-notice'
import { requireUser } from '../require-user'

export const metadata: Metadata = { title: '403 — not allowed' }

const known = new Set<string>([...allPermissions, ...pageAreas])

// Served with HTTP 403 by proxy.ts (a rewrite for area denials, and for direct visits here).
export default async function ForbiddenPage({ searchParams }: { searchParams: Promise<{ need?: string }> }) {
  await requireUser()
  const { need } = await searchParams
  return <ForbiddenNotice need={need && known.has(need) ? need : undefined} />
}
