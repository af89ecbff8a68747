import { AppError, isAppError } from '@/lib/errors'
import { logger } from '@/lib/logger'
import { isDatabaseUnavailable } from './is-database-unavailable'

export function errorResponse(err: AppError): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (err.retryAfterSeconds !== undefined) headers['retry-after'] = String(err.retryAfterSeconds)
  return new Response(JSON.stringify({ error: { code: err.code, message: err.message } }), { status: err.status, headers })
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })
}

export type ApiHandlerOptions = {
  /** Another error body for some requests (OTLP protobuf clients get a google.rpc.Status); null = the JSON one. */
  renderError?: (req: Request, err: AppError) => Response | null
}

/**
 * The one wrapper every public route handler goes through: AppError → its status and the error shape;
 * a database outage → 503 with Retry-After; anything else is a bug → 500 with a generic message, logged.
 */
export function apiHandler<A extends unknown[]>(fn: (req: Request, ...rest: A) => Promise<Response>, opts: ApiHandlerOptions = {}) {
  return async (req: Request, ...rest: A): Promise<Response> => {
    const render = (e: AppError) => opts.renderError?.(req, e) ?? errorResponse(e)
    try {
      return await fn(req, ...rest)
    } catch (err) {
      if (isAppError(err)) return render(err)
      if (isDatabaseUnavailable(err)) {
        logger.warn({ err: (err as Error).message, path: new URL(req.url).pathname }, 'database unavailable')
        return render(new AppError('unavailable', 'the database is unavailable; nothing was stored — retry later', { retryAfterSeconds: 5 }))
      }
      logger.error({ err, path: new URL(req.url).pathname }, 'unhandled error in route handler')
      return render(new AppError('internal', 'internal error'))
    }
  }
}
