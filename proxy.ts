import { NextResponse, type NextRequest } from 'next/server'
import { getToken } from 'next-auth/jwt'
import { areaForPath, can, canOpen, permissionForPath } from '@/lib/auth/permissions'
import { sessionUserFrom, type SessionUser } from '@/lib/auth/session-user'
import { contentSecurityPolicy, createNonce } from '@/lib/http/content-security-policy'
import { isCrossOriginRequest, isSafeMethod } from '@/lib/http/is-cross-origin-request'

// First gate for pages: anonymous → /login (remembering where they were going); a role that may not
// open an area gets the 403 page with a real 403 status. Pages re-check with a fresh DB-backed session
// (app/(app)/require-user.ts), so this gate only needs the signed cookie.
// /api/* is not matched: API routes authenticate themselves (API keys, 401/403 JSON).
//
// The cookie is only read here, never re-issued (so not Auth.js's auth() wrapper): a re-issued cookie
// on a link prefetch still in flight when a sign-out action deletes it would bring the session back.
//
// Every response through here also gets this request's Content-Security-Policy: its nonce goes to Next
// on the request headers, and Next puts it on the scripts it renders (lib/http/content-security-policy.ts).
const PUBLIC_PATHS = new Set(['/login'])
const QUEUE_BOARD = '/admin/queues'

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

async function gate(req: NextRequest, request: { headers: Headers }): Promise<NextResponse> {
  // A cookie-authenticated write from another origin is CSRF whatever it targets: server actions (Next
  // refuses those too, with a 500), the LiteLLM upload and the queue board's API (route handlers).
  if (!isSafeMethod(req.method) && isCrossOriginRequest(req.headers)) {
    return NextResponse.json({ error: { code: 'forbidden', message: 'cross-origin request refused' } }, { status: 403 })
  }
  // Server actions (POSTs) pass straight through: they enforce their own permission, and a 403
  // rewrite would swallow an action posted from a page (e.g. sign-out from the 403 page).
  if (req.method !== 'GET' && req.method !== 'HEAD') return NextResponse.next({ request })

  const { pathname, search } = req.nextUrl

  // /login itself sends signed-in users on, after a fresh check: a cookie that is still valid for a
  // since-disabled user would otherwise bounce between here and the layout's redirect to /login.
  if (PUBLIC_PATHS.has(pathname)) return NextResponse.next({ request })

  const user = await userFromCookie(req)
  if (!user) {
    const login = new URL('/login', req.nextUrl)
    if (pathname !== '/') login.searchParams.set('callbackUrl', `${pathname}${search}`)
    return NextResponse.redirect(login)
  }

  const area = areaForPath(pathname)
  const permission = permissionForPath(pathname)
  const need = area && !canOpen(user.role, area) ? area : permission && !can(user.role, permission) ? permission : null
  if (need) {
    const target = new URL('/forbidden', req.nextUrl)
    target.searchParams.set('need', need)
    return NextResponse.rewrite(target, { status: 403, request })
  }
  if (pathname === '/forbidden') return NextResponse.rewrite(req.nextUrl, { status: 403, request })

  return NextResponse.next({ request })
}

export default async function proxy(req: NextRequest) {
  const https = (req.headers.get('x-forwarded-proto') ?? req.nextUrl.protocol.replace(':', '')).split(',')[0]?.trim() === 'https'
  const { pathname } = req.nextUrl
  const policy = contentSecurityPolicy({
    nonce: createNonce(),
    dev: process.env.NODE_ENV === 'development',
    https,
    queueBoard: pathname === QUEUE_BOARD || pathname.startsWith(`${QUEUE_BOARD}/`),
  })
  const headers = new Headers(req.headers)
  headers.set('content-security-policy', policy)
  const res = await gate(req, { headers })
  res.headers.set('content-security-policy', policy)
  return res
}

export const config = {
  matcher: ['/((?!api/|_next/static|_next/image|favicon\\.ico|robots\\.txt).*)'],
}
