import { randomBytes } from 'node:crypto'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { judgeSsoSignIn } from '@/lib/auth/sso/judge-sso-sign-in'
import { ssoRefusalLogLines } from '@/lib/auth/sso/sso-refusals'
import { prisma } from '@/lib/db'
import { logger } from '@/lib/logger'

// The SSO gate against the real users table: who may enter, and the one log line per refusal.
const tag = randomBytes(5).toString('hex')
const active = `sso-active-${tag}@example.test`
const disabled = `sso-disabled-${tag}@example.test`
const idToken = (claims: Record<string, unknown>) =>
  `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify({ sub: 's1', iss: 'https://idp.example', ...claims })).toString('base64url')}.signature-${tag}`

beforeAll(async () => {
  await prisma.user.create({ data: { email: active, name: 'Active', role: 'finance' } })
  await prisma.user.create({ data: { email: disabled, name: 'Disabled', role: 'finance', disabledAt: new Date() } })
})
afterEach(() => vi.restoreAllMocks())

describe('judgeSsoSignIn', () => {
  it('lets in an existing, enabled user whose provider verified the email (any case)', async () => {
    const id = (await prisma.user.findUniqueOrThrow({ where: { email: active } })).id
    expect(await judgeSsoSignIn(prisma, { idToken: idToken({ email: active.toUpperCase(), email_verified: true }), userinfo: { sub: 's1' }, allowUnverified: false }))
      .toEqual({ ok: true, userId: id, email: active, source: 'id_token' })
    expect(await judgeSsoSignIn(prisma, { idToken: idToken({}), userinfo: { sub: 's1', email: active, email_verified: true }, allowUnverified: false }))
      .toEqual({ ok: true, userId: id, email: active, source: 'userinfo' })
  })

  it.each([
    ['no_email', idToken({}), { sub: 's1' }],
    ['email_unverified', idToken({ email: active }), { sub: 's1' }],
    ['email_unverified', idToken({}), { sub: 's1', email: active, email_verified: false }],
    ['no_such_user', idToken({ email: `nobody-${tag}@example.test`, email_verified: true }), null],
    ['user_disabled', idToken({ email: disabled, email_verified: true }), null],
  ] as const)('refuses with %s and logs one line without token contents', async (reason, token, userinfo) => {
    const warn = vi.spyOn(logger, 'warn')
    expect(await judgeSsoSignIn(prisma, { idToken: token, userinfo, allowUnverified: false })).toEqual({ ok: false, reason })
    expect(warn).toHaveBeenCalledTimes(1)
    const [context, line] = warn.mock.calls[0] as unknown as [Record<string, unknown>, string]
    expect(line).toBe(ssoRefusalLogLines[reason])
    expect(context.reason).toBe(reason)
    expect(JSON.stringify(context)).not.toContain(`signature-${tag}`)
    expect(JSON.stringify(context)).not.toContain('eyJ')
  })

  it('with AUTH_OIDC_ALLOW_UNVERIFIED_EMAIL an unverified email gets in, with a warning; a disabled user still does not', async () => {
    const warn = vi.spyOn(logger, 'warn')
    expect(await judgeSsoSignIn(prisma, { idToken: idToken({ email: active }), userinfo: null, allowUnverified: true })).toMatchObject({ ok: true, email: active })
    expect(warn).toHaveBeenCalledTimes(1)
    expect(await judgeSsoSignIn(prisma, { idToken: idToken({ email: disabled }), userinfo: null, allowUnverified: true })).toEqual({ ok: false, reason: 'user_disabled' })
  })
})
