import { NextResponse, type NextRequest } from 'next/server'
import { getToken } from 'next-auth/jwt'
import { areaForPath, canOpen } from '@/lib/auth/permissions'
import { sessionUserFrom, type SessionUser } from '@/lib/auth/session-user'

// First gate for pages: anonymous → /login (remembering where they were going); a role that may not
// open an area gets the 403 page with a real 403 status. Pages re-check with a fresh DB-backed session
// (app/(app)/require-user.ts), so this gate only needs the signed cookie.
// /api/* is not matched: API routes authenticate themselves (API keys, 401/403 JSON).
//
// The cookie is only read here, never re-issued (so not Auth.js's auth() wrapper): a re-issued cookie
// on a link prefetch still in flight when a sign-out action deletes it would bring the session back.
const PUBLIC_PATHS = new Set(['/login'])

async function userFromCookie(req: NextRequest): Promise<SessionUser | null> {
  const secret = process.env.AUTH_SECRET
  if (!secret) return null
  // Auth.js names the cookie __Secure-… when it was set over https (including behind a TLS proxy).
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req, secret, secureCookie })
    if (token) {
      return sessionUserFrom({
        user: { id: token.uid, email: token.email, name: token.name, role: token.role, teamId: token.teamId, teamSlug: token.teamSlug },
      })
    }
  }
  return null
}

export default async function proxy(req: NextRequest) {
  // Server actions (POSTs) pass straight through: they enforce their own permission, and a 403
  // rewrite would swallow an action posted from a page (e.g. sign-out from the 403 page).
  if (req.method !== 'GET' && req.method !== 'HEAD') return NextResponse.next()

  const { pathname, search } = req.nextUrl

  // /login itself sends signed-in users on, after a fresh check: a cookie that is still valid for a
  // since-disabled user would otherwise bounce between here and the layout's redirect to /login.
  if (PUBLIC_PATHS.has(pathname)) return NextResponse.next()

  const user = await userFromCookie(req)
  if (!user) {
    const login = new URL('/login', req.nextUrl)
    if (pathname !== '/') login.searchParams.set('callbackUrl', `${pathname}${search}`)
    return NextResponse.redirect(login)
  }

  const area = areaForPath(pathname)
  if (area && !canOpen(user.role, area)) {
    const target = new URL('/forbidden', req.nextUrl)
    target.searchParams.set('need', area)
    return NextResponse.rewrite(target, { status: 403 })
  }
  if (pathname === '/forbidden') return NextResponse.rewrite(req.nextUrl, { status: 403 })

  return NextResponse.next()
}

export const config = {
  matcher: ['/((?!api/|_next/static|_next/image|favicon\\.ico|robots\\.txt).*)'],
}
