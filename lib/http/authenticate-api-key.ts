import type { ApiKeyScope } from '@/lib/auth/api-keys'
import { requireScope, verifyApiKey, type VerifiedApiKey } from '@/lib/auth/verify-api-key'
import { env } from '@/lib/env'
import { AppError } from '@/lib/errors'
import { takeRateLimitToken } from './rate-limit'

const failureMessages = {
  missing: 'missing API key: send Authorization: Bearer <team API key>',
  malformed: 'malformed API key: expected ml_<prefix>_<secret>',
  unknown: 'unknown API key',
  revoked: 'this API key has been revoked',
} as const

/** 401 = who are you (missing/unknown/revoked key); 403 = the key lacks the scope; 429 = over its rate. */
export async function authenticateApiKey(req: Request, scope: ApiKeyScope): Promise<VerifiedApiKey> {
  const header = req.headers.get('authorization') ?? ''
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  if (header && !match) throw new AppError('unauthorized', 'malformed Authorization header: expected "Bearer <API key>"')
  const result = await verifyApiKey(match?.[1])
  if (!result.ok) throw new AppError('unauthorized', failureMessages[result.reason])
  requireScope(result.key, scope)
  await takeRateLimitToken(result.key.id, { perSecond: env.RATE_LIMIT_PER_KEY_PER_SECOND, burst: env.RATE_LIMIT_BURST })
  return result.key
}
