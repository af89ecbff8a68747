import type { DbClient } from '@/lib/db'
import { logger } from '@/lib/logger'
import { idTokenClaims } from './id-token-claims'
import { resolveSsoEmail, type Claims, type EmailSource } from './resolve-sso-email'
import { ssoRefusalLogLines, type SsoRefusal } from './sso-refusals'

export type SsoJudgement =
  | { ok: true; userId: number; email: string; source: EmailSource }
  | { ok: false; reason: SsoRefusal }

/**
 * Whether an SSO sign-in may enter: the provider must prove an email (verified, unless the operator
 * opted out), and that email must belong to an existing, enabled ModelLedger user — SSO never creates
 * users or grants roles. Logs one line per refusal (reason, the email if any, where it came from;
 * never token contents).
 */
export async function judgeSsoSignIn(
  db: DbClient,
  input: { idToken: unknown; userinfo: Claims | null; allowUnverified: boolean },
): Promise<SsoJudgement> {
  const verdict = resolveSsoEmail(idTokenClaims(input.idToken), input.userinfo, { allowUnverified: input.allowUnverified })
  if (!verdict.ok) return refuse(verdict.reason, { email: verdict.email, source: verdict.source })
  const user = await db.user.findFirst({
    where: { email: { equals: verdict.email, mode: 'insensitive' } },
    select: { id: true, email: true, disabledAt: true },
  })
  if (!user) return refuse('no_such_user', { email: verdict.email, source: verdict.source })
  if (user.disabledAt) return refuse('user_disabled', { email: user.email, userId: user.id })
  if (!verdict.verified) logger.warn({ email: user.email, source: verdict.source }, 'sso sign-in with an unverified email (AUTH_OIDC_ALLOW_UNVERIFIED_EMAIL=1)')
  return { ok: true, userId: user.id, email: user.email, source: verdict.source }
}

function refuse(reason: SsoRefusal, context: Record<string, unknown>): SsoJudgement {
  logger.warn({ reason, ...context }, ssoRefusalLogLines[reason])
  return { ok: false, reason }
}
