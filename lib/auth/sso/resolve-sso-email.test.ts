import { describe, expect, it } from 'vitest'
import { idTokenClaims } from './id-token-claims'
import { resolveSsoEmail, type Claims } from './resolve-sso-email'
import { ssoRefusalErrorCodes, ssoRefusalMessageFor, ssoRefusalMessages, ssoRefusals } from './sso-refusals'

const strict = { allowUnverified: false }
const base = { sub: 'u1', iss: 'https://idp.example', aud: 'modelledger' }

describe('resolveSsoEmail', () => {
  const cases: Array<[string, Claims, Claims | null, ReturnType<typeof resolveSsoEmail>]> = [
    ['email in the ID token, verified', { ...base, email: 'Ann@Example.com', email_verified: true }, { sub: 'u1' },
      { ok: true, email: 'ann@example.com', source: 'id_token', verified: true }],
    ['email only in userinfo, verified there', base, { sub: 'u1', email: 'ann@example.com', email_verified: true },
      { ok: true, email: 'ann@example.com', source: 'userinfo', verified: true }],
    ['no email anywhere', base, { sub: 'u1', name: 'Ann' }, { ok: false, reason: 'no_email', email: null, source: null }],
    ['no userinfo and no email in the ID token', base, null, { ok: false, reason: 'no_email', email: null, source: null }],
    ['an email that is not an address', { ...base, email: 'ann', email_verified: true }, null, { ok: false, reason: 'no_email', email: null, source: null }],
    ['ID token email without email_verified', { ...base, email: 'ann@example.com' }, null,
      { ok: false, reason: 'email_unverified', email: 'ann@example.com', source: 'id_token' }],
    ['ID token email_verified false', { ...base, email: 'ann@example.com', email_verified: false }, null,
      { ok: false, reason: 'email_unverified', email: 'ann@example.com', source: 'id_token' }],
    ['the string "true" is not a verification', { ...base, email: 'ann@example.com', email_verified: 'true' }, null,
      { ok: false, reason: 'email_unverified', email: 'ann@example.com', source: 'id_token' }],
    ['userinfo email without email_verified', base, { sub: 'u1', email: 'ann@example.com' },
      { ok: false, reason: 'email_unverified', email: 'ann@example.com', source: 'userinfo' }],
    // A verified flag vouches only for the address it came with.
    ['ID token says verified but carries no email; userinfo email unverified', { ...base, email_verified: true },
      { sub: 'u1', email: 'ann@example.com', email_verified: false },
      { ok: false, reason: 'email_unverified', email: 'ann@example.com', source: 'userinfo' }],
    ['userinfo verified does not vouch for the ID token email', { ...base, email: 'ann@example.com' },
      { sub: 'u1', email: 'ann@example.com', email_verified: true },
      { ok: false, reason: 'email_unverified', email: 'ann@example.com', source: 'id_token' }],
    ['the ID token email wins over a different userinfo email', { ...base, email: 'ann@example.com', email_verified: true },
      { sub: 'u1', email: 'bob@example.com', email_verified: true },
      { ok: true, email: 'ann@example.com', source: 'id_token', verified: true }],
  ]
  it.each(cases)('%s', (_name, idToken, userinfo, expected) => {
    expect(resolveSsoEmail(idToken, userinfo, strict)).toEqual(expected)
  })

  it('lets an unverified email through only with the explicit opt-out, and says it was unverified', () => {
    expect(resolveSsoEmail({ ...base, email: 'ann@example.com' }, null, { allowUnverified: true }))
      .toEqual({ ok: true, email: 'ann@example.com', source: 'id_token', verified: false })
    expect(resolveSsoEmail(base, { sub: 'u1' }, { allowUnverified: true })).toMatchObject({ ok: false, reason: 'no_email' })
  })
})

describe('idTokenClaims', () => {
  const jwt = (payload: unknown) => `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`
  it('reads the payload of a compact JWT', () => {
    expect(idTokenClaims(jwt({ sub: 'u1', email: 'a@b.co' }))).toEqual({ sub: 'u1', email: 'a@b.co' })
  })
  it.each([undefined, 42, '', 'no-dots', 'a.!!!.c', jwt([1, 2]), jwt('text'), jwt(null)])('gives no claims for %j', (token) => {
    expect(idTokenClaims(token)).toEqual({})
  })
})

describe('SSO refusal messages', () => {
  it('has a distinct sentence and error code per reason, found back from the code', () => {
    expect(new Set(Object.values(ssoRefusalMessages)).size).toBe(ssoRefusals.length)
    expect(new Set(Object.values(ssoRefusalErrorCodes)).size).toBe(ssoRefusals.length)
    for (const reason of ssoRefusals) expect(ssoRefusalMessageFor(ssoRefusalErrorCodes[reason])).toBe(ssoRefusalMessages[reason])
    expect(ssoRefusalMessageFor('AccessDenied')).toBeNull()
  })
})
