import { randomBytes } from 'node:crypto'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.AUTH_SECRET ??= 'access-tests-only-secret-0123456789'
})
vi.mock('next/headers', () => import('@/test/access/next-request-scope'))
vi.mock('next/cache', () => import('@/test/access/next-request-scope'))

import { encode } from 'next-auth/jwt'
import { auth } from '@/auth'
import { loginAction, ssoAction } from '@/app/login/actions'
import { hashPassword } from '@/lib/auth/hash-password'
import { prisma } from '@/lib/db'
import { callRoute } from '@/test/access/call-route'
import { inRequest, type SetCookie } from '@/test/access/next-request-scope'
import { sessionCookieName } from '@/test/access/world'

// Sessions as the app makes them: the real login server action (Auth.js signIn with credentials) and
// the cookie it sets, read back by Auth.js's auth(). Over plain http the cookie is HttpOnly and
// SameSite=Lax; when the app's URL is https it is also Secure and __Secure- prefixed.

const password = 'a-long-enough-password'
let email: string
const savedAuthUrl = process.env.AUTH_URL

beforeAll(async () => {
  email = `access-login-${randomBytes(5).toString('hex')}@example.test`
  await prisma.user.create({ data: { email, name: 'Login', role: 'engineer', passwordHash: await hashPassword(password) } })
})
afterEach(() => {
  if (savedAuthUrl === undefined) delete process.env.AUTH_URL
  else process.env.AUTH_URL = savedAuthUrl
})

function form(fields: Record<string, string>): FormData {
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields)) fd.set(k, v)
  return fd
}

async function login(origin: string, pass = password): Promise<{ state: unknown; redirect: string | null; cookies: SetCookie[] }> {
  const url = new URL(origin)
  const { result, setCookies } = await inRequest({ host: url.host, 'x-forwarded-host': url.host, 'x-forwarded-proto': url.protocol.replace(':', ''), origin }, async () => {
    try {
      return { state: await loginAction({ error: null, email: '' }, form({ email, password: pass, callbackUrl: '/teams' })), redirect: null }
    } catch (err) {
      const digest = String((err as { digest?: unknown }).digest ?? '')
      if (!digest.startsWith('NEXT_REDIRECT')) throw err
      return { state: null, redirect: digest.split(';')[2] ?? null }
    }
  })
  return { ...result, cookies: setCookies }
}

async function sessionFrom(cookie: string, host = 'localhost', proto = 'http') {
  const { result } = await inRequest({ host, 'x-forwarded-host': host, 'x-forwarded-proto': proto, cookie }, () => auth())
  return result
}

function tamper(jwe: string): string {
  const parts = jwe.split('.')
  const ciphertext = parts[3] ?? ''
  parts[3] = (ciphertext[0] === 'A' ? 'B' : 'A') + ciphertext.slice(1)
  return parts.join('.')
}

describe('login sets a hardened session cookie', () => {
  it('over http: HttpOnly, SameSite=Lax, path /, bounded lifetime, not Secure; Auth.js reads it back as this user', async () => {
    process.env.AUTH_URL = 'http://localhost'
    const { redirect, cookies } = await login('http://localhost')
    expect(new URL(redirect ?? '', 'http://localhost').pathname).toBe('/teams')
    const session = cookies.find((c) => c.name === sessionCookieName)
    expect(session, JSON.stringify(cookies.map((c) => c.name))).toBeDefined()
    expect(session!.options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/', secure: false })
    const expires = new Date(session!.options.expires as string | Date).getTime()
    expect(expires - Date.now()).toBeLessThanOrEqual(12 * 3600 * 1000 + 1000)
    expect(expires - Date.now()).toBeGreaterThan(11 * 3600 * 1000)

    const read = await sessionFrom(`${session!.name}=${session!.value}`)
    expect(read?.user).toMatchObject({ email, role: 'engineer' })
  })

  it('when the app URL is https: the cookie is Secure and __Secure- prefixed (and the http name is not accepted there)', async () => {
    process.env.AUTH_URL = 'https://ledger.example.test'
    const { redirect, cookies } = await login('https://ledger.example.test')
    expect(new URL(redirect ?? '', 'http://localhost').pathname).toBe('/teams')
    const session = cookies.find((c) => c.name === `__Secure-${sessionCookieName}`)
    expect(session, JSON.stringify(cookies.map((c) => c.name))).toBeDefined()
    expect(session!.options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/', secure: true })
    expect(cookies.find((c) => c.name === sessionCookieName)).toBeUndefined()
    expect((await sessionFrom(`${session!.name}=${session!.value}`, 'ledger.example.test', 'https'))?.user).toMatchObject({ email })
  })

  it('a wrong password sets no session cookie and says only "wrong email or password"', async () => {
    process.env.AUTH_URL = 'http://localhost'
    const { state, redirect, cookies } = await login('http://localhost', 'not-the-password')
    expect(redirect).toBeNull()
    expect(state).toEqual({ email, error: 'Wrong email or password.' })
    expect(cookies.find((c) => c.name.endsWith(sessionCookieName))).toBeUndefined()
  })

  it('a login that asks to be sent to another site is sent home instead (no open redirect)', async () => {
    process.env.AUTH_URL = 'http://localhost'
    const { result } = await inRequest({ host: 'localhost', 'x-forwarded-proto': 'http' }, async () => {
      try {
        await loginAction({ error: null, email: '' }, form({ email, password, callbackUrl: 'https://evil.example/steal' }))
        return null
      } catch (err) {
        return String((err as { digest?: unknown }).digest ?? '').split(';')[2] ?? null
      }
    })
    expect(result).not.toContain('evil.example')
  })

  it('the SSO action (public) only redirects to the sign-in flow, whatever the callback asks', async () => {
    const { result } = await inRequest({ host: 'localhost', 'x-forwarded-proto': 'http' }, async () => {
      try {
        await ssoAction(form({ callbackUrl: 'https://evil.example/' }))
        return null
      } catch (err) {
        return String((err as { digest?: unknown }).digest ?? '').split(';')[2] ?? null
      }
    })
    expect(result).toBeTruthy()
    expect(decodeURIComponent(result ?? '')).not.toContain('evil.example')
  })
})

describe('forged and foreign session cookies are anonymous', () => {
  const user = () => prisma.user.findUniqueOrThrow({ where: { email } })
  const spend = (cookie: string) => callRoute('app/(app)/spend/export/route.ts', 'GET', '/spend/export?table=teams', { headers: { host: 'localhost', 'x-forwarded-proto': 'http', cookie } })

  it.each([
    ['a cookie sealed with another secret', async () => encode({ token: { uid: (await user()).id, role: 'admin', checkedAt: Date.now() }, secret: 'some-other-secret-0123456789abcdef', salt: sessionCookieName })],
    // One character of the ciphertext changed (not the last one of the tag: its low bits are padding, so
    // swapping A↔B there can leave the token valid).
    ['a tampered cookie', async () => tamper(await encode({ token: { uid: (await user()).id, checkedAt: 0 }, secret: process.env.AUTH_SECRET!, salt: sessionCookieName }))],
    ['an unsealed JSON token claiming admin', async () => Buffer.from(JSON.stringify({ uid: 1, role: 'admin' })).toString('base64url')],
  ])('%s → no session, 401 from a route', async (_name, make) => {
    const cookie = `${sessionCookieName}=${await make()}`
    expect(await sessionFrom(cookie)).toBeNull()
    expect((await spend(cookie)).status).toBe(401)
  })

  it('a cookie naming a role the DB does not give the user carries the DB role once re-checked', async () => {
    const u = await user()
    // The token claims admin, but its check time is stale: the jwt callback re-reads the user.
    const token = await encode({ token: { uid: u.id, role: 'admin', teamId: null, checkedAt: 0 }, secret: process.env.AUTH_SECRET!, salt: sessionCookieName })
    expect((await sessionFrom(`${sessionCookieName}=${token}`))?.user).toMatchObject({ role: 'engineer' })
  })

  it('a disabled user’s cookie stops working at the next check', async () => {
    const u = await prisma.user.create({ data: { email: `access-disabled-${randomBytes(4).toString('hex')}@example.test`, name: 'D', role: 'admin', disabledAt: new Date() } })
    const token = await encode({ token: { uid: u.id, checkedAt: 0 }, secret: process.env.AUTH_SECRET!, salt: sessionCookieName })
    expect(await sessionFrom(`${sessionCookieName}=${token}`)).toBeNull()
  })
})
