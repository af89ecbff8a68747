import { z } from 'zod'
import type { SsoRefusal } from './sso-refusals'

export type Claims = Record<string, unknown>

/** Where the email we trust came from: OIDC lets a provider put it in either place. */
export type EmailSource = 'id_token' | 'userinfo'

export type SsoEmailVerdict =
  | { ok: true; email: string; source: EmailSource; verified: boolean }
  | { ok: false; reason: Extract<SsoRefusal, 'no_email' | 'email_unverified'>; email: string | null; source: EmailSource | null }

const emailSchema = z.string().trim().toLowerCase().email().max(320)

function emailIn(claims: Claims | null | undefined): string | null {
  const parsed = emailSchema.safeParse(claims?.email)
  return parsed.success ? parsed.data : null
}

/**
 * Which email an SSO sign-in proves, if any. The ID token is read first, userinfo when the ID token has
 * no email (a provider following OIDC Core returns the `email` scope's claims from userinfo when it
 * also issues an access token). `email_verified` is read from the same source as the email — a
 * verified flag for one address must not vouch for another — and only the boolean `true` counts.
 * `allowUnverified` is the operator's explicit, documented-unsafe opt-out.
 */
export function resolveSsoEmail(idToken: Claims, userinfo: Claims | null, opts: { allowUnverified: boolean }): SsoEmailVerdict {
  const fromIdToken = emailIn(idToken)
  const fromUserinfo = fromIdToken ? null : emailIn(userinfo)
  const source: EmailSource | null = fromIdToken ? 'id_token' : fromUserinfo ? 'userinfo' : null
  const email = fromIdToken ?? fromUserinfo
  if (!email || !source) return { ok: false, reason: 'no_email', email: null, source: null }
  const verified = (source === 'id_token' ? idToken : userinfo)?.email_verified === true
  if (!verified && !opts.allowUnverified) return { ok: false, reason: 'email_unverified', email, source }
  return { ok: true, email, source, verified }
}

/**
 * The email an SSO sign-in claims and where it was read, without judging it (the signIn callback
 * does that through judgeSsoSignIn): for the session and the audit row of a sign-in already allowed.
 */
export function pickSsoEmail(idToken: Claims, userinfo: Claims | null): { email: string; source: EmailSource } | null {
  const verdict = resolveSsoEmail(idToken, userinfo, { allowUnverified: true })
  return verdict.ok ? { email: verdict.email, source: verdict.source } : null
}
