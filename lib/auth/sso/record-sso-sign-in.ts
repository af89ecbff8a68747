import { recordAudit } from '@/lib/audit/record-audit'
import type { DbClient } from '@/lib/db'
import type { EmailSource } from './resolve-sso-email'

/** The audit row of one SSO sign-in, written when the session is issued. */
export async function recordSsoSignIn(
  db: DbClient,
  user: { id: number; email: string; teamId: number | null },
  via: { issuer: string; emailSource: EmailSource | null },
): Promise<void> {
  await recordAudit(db, {
    actorId: user.id,
    actor: user.email,
    action: 'user.sign_in_sso',
    entityType: 'user',
    entityId: user.id,
    teamId: user.teamId,
    after: { method: 'sso', issuer: via.issuer, emailSource: via.emailSource },
  })
}
