import type { ReadAccess } from '@/lib/auth/session-user'
import { hasScope } from '@/lib/auth/verify-api-key'
import { AppError } from '@/lib/errors'
import { authenticateAnyScope } from './authenticate-any-scope'

/**
 * Which teams an API key may read (spend, advice, FOCUS export): an org-wide key with spend:read:all
 * every team, a team key with spend:read its own. The API-key twin of readerAccess.
 */
export async function apiKeyReadAccess(req: Request): Promise<ReadAccess> {
  const key = await authenticateAnyScope(req, ['spend:read:all', 'spend:read'])
  if (hasScope(key, 'spend:read:all')) return { kind: 'all' }
  if (key.teamId === null) throw new AppError('forbidden', 'this org-wide API key lacks the scope spend:read:all')
  return { kind: 'team', teamId: key.teamId }
}
