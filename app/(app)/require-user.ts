import { cache } from 'react'
import { forbidden, redirect } from 'next/navigation'
import { auth } from '@/auth'
import { can, canOpen, type PageArea, type Permission } from '@/lib/auth/permissions'
import { sessionUserFrom, type SessionUser } from '@/lib/auth/session-user'

// Server-side gates for pages and server actions in the signed-in area. proxy.ts already turns
// anonymous visitors and area-level denials away (with a real 403 status); these repeat the check
// where the data is read, because hiding a link — or a proxy matcher gap — is not enforcement.

/** The signed-in user, or null. Cached per request so layout and page share one session read. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => sessionUserFrom(await auth()))

/** The signed-in user; anonymous visitors are sent to /login. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser()
  if (!user) redirect('/login')
  return user
}

/** The user, if their role holds `permission`; otherwise the 403 page. */
export async function requirePermission(permission: Permission): Promise<SessionUser> {
  const user = await requireUser()
  if (!can(user.role, permission)) deny(permission)
  return user
}

/** The user, if their role may open this nav area; otherwise the 403 page. */
export async function requirePage(area: PageArea): Promise<SessionUser> {
  const user = await requireUser()
  if (!canOpen(user.role, area)) deny(area)
  return user
}

// forbidden() only works with experimental.authInterrupts; without it, /forbidden (which the
// proxy serves with status 403) stands in.
function deny(what: string): never {
  if (process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS) forbidden()
  redirect(`/forbidden?need=${encodeURIComponent(what)}`)
}
