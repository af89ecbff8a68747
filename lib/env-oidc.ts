import { z } from 'zod'

// Compose files and .env templates pass unset variables as empty strings: empty means unset.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional())

/** Single sign-on through any OpenID Connect provider; off unless issuer, client id and secret are set. */
export const oidcSchema = {
  AUTH_OIDC_ISSUER: optional(z.string().url()),
  AUTH_OIDC_CLIENT_ID: optional(z.string().min(1)),
  AUTH_OIDC_CLIENT_SECRET: optional(z.string().min(1)),
  AUTH_OIDC_SCOPE: optional(
    z.string().trim().regex(/(^|\s)openid(\s|$)/, 'must include the openid scope (default "openid email profile")'),
  ).transform((v) => v ?? 'openid email profile'),
  // The button says "Sign in with <name>".
  AUTH_OIDC_NAME: optional(z.string().trim().min(1).max(60)).transform((v) => v ?? 'single sign-on'),
  // UNSAFE when 1: accepts an email the provider has not verified, so anyone who can register that
  // address at the provider signs in as the ModelLedger user who owns it.
  AUTH_OIDC_ALLOW_UNVERIFIED_EMAIL: optional(z.enum(['0', '1'], { error: 'must be 0 or 1' })).transform((v) => v === '1'),
}

type OidcEnv = { AUTH_OIDC_ISSUER?: string; AUTH_OIDC_CLIENT_ID?: string; AUTH_OIDC_CLIENT_SECRET?: string }

/** Half a configuration is a mistake worth refusing to start over, not a silently missing button. */
export function oidcAllOrNone(e: OidcEnv): boolean {
  const set = [e.AUTH_OIDC_ISSUER, e.AUTH_OIDC_CLIENT_ID, e.AUTH_OIDC_CLIENT_SECRET].filter((v) => v !== undefined).length
  return set === 0 || set === 3
}

export const oidcAllOrNoneIssue = {
  message: 'set all of AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET, or none of them',
  path: ['AUTH_OIDC_ISSUER'],
}
