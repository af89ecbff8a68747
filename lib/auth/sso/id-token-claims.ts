import type { Claims } from './resolve-sso-email'

/**
 * The payload of an ID token that Auth.js has already validated in this callback (signature, issuer,
 * audience, expiry, nonce): this only reads it, it proves nothing. Anything unreadable is no claims.
 */
export function idTokenClaims(idToken: unknown): Claims {
  if (typeof idToken !== 'string') return {}
  const payload = idToken.split('.')[1]
  if (!payload) return {}
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    return claims !== null && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Claims) : {}
  } catch {
    return {}
  }
}
