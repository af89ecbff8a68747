import { AsyncLocalStorage } from 'node:async_hooks'

// Stand-ins for the two Next.js request APIs our code reaches outside a Next server: next/headers
// (Auth.js's auth() reads the session cookie through headers(); signIn/signOut write cookies()) and
// next/cache (revalidatePath needs Next's static-generation store). Everything above them — Auth.js
// decrypting a real cookie, its callbacks re-reading the user from PostgreSQL, our gates — is real.
// Test files wire them in with:
//   vi.mock('next/headers', () => import('@/test/access/next-request-scope'))
//   vi.mock('next/cache', () => import('@/test/access/next-request-scope'))

export type SetCookie = { name: string; value: string; options: Record<string, unknown> }

type Scope = { headers: Headers; setCookies: SetCookie[] }

const scope = new AsyncLocalStorage<Scope>()

/** Runs fn as if Next were handling a request with these headers; returns what fn returned and the cookies it set. */
export async function inRequest<T>(requestHeaders: HeadersInit, fn: () => Promise<T>): Promise<{ result: T; setCookies: SetCookie[] }> {
  const s: Scope = { headers: new Headers(requestHeaders), setCookies: [] }
  const result = await scope.run(s, fn)
  return { result, setCookies: s.setCookies }
}

function current(): Scope {
  const s = scope.getStore()
  if (!s) throw new Error('next/headers used outside inRequest(): wrap the call in inRequest(headers, fn)')
  return s
}

export async function headers(): Promise<Headers> {
  return current().headers
}

function parseCookieHeader(h: Headers): Map<string, string> {
  const out = new Map<string, string>()
  for (const part of (h.get('cookie') ?? '').split(';')) {
    const i = part.indexOf('=')
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim())
  }
  return out
}

export async function cookies() {
  const s = current()
  const jar = parseCookieHeader(s.headers)
  return {
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    has: (name: string) => jar.has(name),
    set: (name: string, value: string, options: Record<string, unknown> = {}) => {
      s.setCookies.push({ name, value, options })
    },
    delete: (name: string) => {
      s.setCookies.push({ name, value: '', options: { maxAge: 0 } })
    },
  }
}

export function draftMode() {
  return { isEnabled: false, enable() {}, disable() {} }
}

// next/cache: the pages a change affects are re-rendered by Next; nothing to do in-process.
export function revalidatePath(): void {}
export function revalidateTag(): void {}
export function updateTag(): void {}
export function refresh(): void {}
