import type { ApiKeyScope } from '@/lib/auth/api-keys'
import type { VerifiedApiKey } from '@/lib/auth/verify-api-key'
import { AppError, isAppError } from '@/lib/errors'
import { authenticateApiKey } from '@/lib/http/authenticate-api-key'

/**
 * authenticateApiKey for endpoints that accept any of several scopes. The verification is cached, and a
 * key refused for scope only (403) has taken no rate-limit token, so trying the next scope is cheap.
 */
export async function authenticateAnyScope(req: Request, scopes: readonly [ApiKeyScope, ...ApiKeyScope[]]): Promise<VerifiedApiKey> {
  for (const scope of scopes) {
    try {
      return await authenticateApiKey(req, scope)
    } catch (err) {
      if (!isAppError(err) || err.code !== 'forbidden') throw err
    }
  }
  throw new AppError('forbidden', `this API key lacks the scope ${scopes.join(' or ')}`)
}
