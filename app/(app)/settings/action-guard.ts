import { auth } from '@/auth'
import type { AuditActor } from '@/lib/audit/types'
import { can, type Permission } from '@/lib/auth/permissions'
import { sessionUserFrom, type SessionUser } from '@/lib/auth/session-user'
import { isAppError } from '@/lib/errors'
import { logger } from '@/lib/logger'

// Every settings server action starts here: a fresh session read and the permission re-checked,
// because a server action is a public POST endpoint whatever the page that shows its form.
export async function actionUser(...needed: Permission[]): Promise<{ user: SessionUser; actor: AuditActor } | { denied: string }> {
  const user = sessionUserFrom(await auth())
  if (!user) return { denied: 'Your session has ended: sign in again.' }
  const missing = needed.find((p) => !can(user.role, p))
  if (missing) return { denied: `Not allowed: your role (${user.role}) may not ${missing}.` }
  return { user, actor: { id: user.id, name: user.email } }
}

/** An AppError's message (bad input, conflict, not found) goes back to the form; anything else is logged. */
export function actionErrorMessage(err: unknown, what: string): string {
  if (isAppError(err)) return err.message
  logger.error({ err }, `settings action failed: ${what}`)
  return `Could not ${what}: something went wrong. Try again.`
}
