import { auth } from '@/auth'
import { prisma } from '@/lib/db'
import { isAppError } from '@/lib/errors'
import { logger } from '@/lib/logger'
import { listCatalog } from '@/lib/catalog/list-catalog'
import { assertPermission, sessionUserOrThrow } from '@/lib/auth/session-user'
import { catalogCsv } from './catalog-csv'
import { toUtcDay } from '@/lib/time/utc-days'

export async function GET(req: Request): Promise<Response> {
  try {
    const user = assertPermission(sessionUserOrThrow(await auth()), 'prices:read')
    const now = new Date()
    // Same filters as the page: ?route=…&unpriced=1
    const params = new URL(req.url).searchParams
    const route = params.get('route')
    const onlyUnpriced = params.get('unpriced') === '1'
    const models = (await listCatalog(prisma, now)).filter((m) => (!route || m.route === route) && (!onlyUnpriced || m.price === null))
    const csv = catalogCsv(models)
    logger.info({ userId: user.id }, 'catalog csv export')
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="modelledger-prices-${toUtcDay(now)}.csv"`,
        'cache-control': 'no-store',
      },
    })
  } catch (e) {
    if (isAppError(e)) return Response.json({ error: { code: e.code, message: e.message } }, { status: e.status })
    logger.error({ err: e }, 'catalog csv export failed')
    return Response.json({ error: { code: 'internal', message: 'Something went wrong.' } }, { status: 500 })
  }
}
