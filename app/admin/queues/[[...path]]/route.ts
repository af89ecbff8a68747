import { auth } from '@/auth'
import { recordAudit } from '@/lib/audit/record-audit'
import { can } from '@/lib/auth/permissions'
import { sessionUserFrom } from '@/lib/auth/session-user'
import { prisma } from '@/lib/db'
import { QUEUE_BOARD_PATH, queueBoard } from '@/lib/queue-board/queue-board'
import { stripNetworkFonts } from '@/lib/queue-board/strip-network-fonts'

export const dynamic = 'force-dynamic'

// bull-board for admins (role permission queues:admin). Anonymous visitors go to the login page,
// other roles get a 403. Every change made through the board (retry, promote, clean, remove, pause)
// is written to the audit log before it is passed on.
async function handle(req: Request): Promise<Response> {
  const user = sessionUserFrom(await auth())
  if (!user) {
    const login = new URL('/login', req.url)
    login.searchParams.set('callbackUrl', QUEUE_BOARD_PATH)
    return Response.redirect(login, 303)
  }
  if (!can(user.role, 'queues:admin')) {
    // A browser gets the app's 403 page (served with status 403); API calls get the JSON error.
    if (req.method === 'GET' && !new URL(req.url).pathname.startsWith(`${QUEUE_BOARD_PATH}/api/`)) {
      return Response.redirect(new URL('/forbidden?need=queues', req.url), 303)
    }
    return Response.json({ error: { code: 'forbidden', message: 'The queue admin is for admins only (needs queues:admin).' } }, { status: 403 })
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const path = new URL(req.url).pathname.slice(QUEUE_BOARD_PATH.length)
    await recordAudit(prisma, {
      actor: user.email,
      actorId: user.id,
      action: 'queue.board',
      entityType: 'queue',
      entityId: path,
      after: { method: req.method, path },
    })
  }
  const res = await queueBoard().fetch(req)
  if (!res.headers.get('content-type')?.includes('text/html')) return res
  const headers = new Headers(res.headers)
  headers.delete('content-length')
  return new Response(stripNetworkFonts(await res.text()), { status: res.status, headers })
}

export const GET = handle
export const POST = handle
export const PUT = handle
export const PATCH = handle
export const DELETE = handle
