import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.AUTH_SECRET ??= 'access-tests-only-secret-0123456789'
})
vi.mock('next/headers', () => import('@/test/access/next-request-scope'))
vi.mock('next/cache', () => import('@/test/access/next-request-scope'))

import { areaForPath, pageAreas, pagePaths, roles, type Role } from '@/lib/auth/permissions'
import { clearApiKeyCache } from '@/lib/auth/verify-api-key'
import { closeProducerQueues } from '@/lib/queues'
import { callRoute } from '@/test/access/call-route'
import { discoverActions, discoverPages, discoverRoutes } from '@/test/access/discover-surface'
import { actions, allowedRoles, fill, pages, principals, roleMayPass, routes, type Gate, type Principal, type RouteSample } from '@/test/access/surface'
import { createWorld, headersFor, placeholders, type World } from '@/test/access/world'

// The access matrix for route handlers: every route.ts sample (test/access/surface.ts) × anonymous, each
// role (a real user whose role Auth.js re-reads from PostgreSQL through a real session cookie) and each
// kind of API key. Allowed callers get a 2xx; everyone else 401/403 (or the page redirect a browser
// route gives) with the error shape and nothing else — never data.

describe('the registry lists every entry point the app has', () => {
  const missing = (found: string[], listed: string[]) => found.filter((f) => !listed.includes(f))

  it('every page.tsx is in test/access/surface.ts', () => {
    const listed = pages.map((p) => p.file)
    expect(missing(discoverPages(), listed), 'add these pages to test/access/surface.ts with the gate they need').toEqual([])
    expect(missing(listed, discoverPages()), 'these pages are listed but no longer exist').toEqual([])
  })

  it('every route.ts is in test/access/surface.ts', () => {
    const listed = routes.map((r) => r.file)
    expect(missing(discoverRoutes(), listed), 'add these route handlers to test/access/surface.ts').toEqual([])
    expect(missing(listed, discoverRoutes()), 'these route handlers are listed but no longer exist').toEqual([])
  })

  it("every server action ('use server') is in test/access/surface.ts", () => {
    const listed = actions.map((a) => `${a.file}#${a.name}`)
    expect(missing(discoverActions(), listed), 'add these server actions to test/access/surface.ts').toEqual([])
    expect(missing(listed, discoverActions()), 'these server actions are listed but no longer exist').toEqual([])
  })

  it('every nav area has its page listed, and each listed page path maps to the area the proxy gates it by', () => {
    for (const area of pageAreas) expect(pages.some((p) => p.path === pagePaths[area]), `no page entry for ${pagePaths[area]}`).toBe(true)
    expect(areaForPath('/settings/audit')).toBe('audit')
    expect(areaForPath('/settings/teams')).toBe('settings')
  })

  it('every route handler module exports the methods its samples call', async () => {
    for (const r of routes) {
      const mod = (await import(/* @vite-ignore */ `${process.cwd()}/${r.file}`)) as Record<string, unknown>
      for (const s of r.samples) expect(typeof mod[s.method], `${r.file} ${s.method}`).toBe('function')
    }
  })
})

let world: World
let values: Record<string, string | number>
const headers = new Map<Principal, Record<string, string>>()

beforeAll(async () => {
  clearApiKeyCache()
  world = await createWorld()
  values = placeholders(world)
  for (const p of principals) headers.set(p, await headersFor(world, p))
})

afterAll(async () => {
  clearApiKeyCache()
  await closeProducerQueues()
})

function body(kind: RouteSample['body']): { body?: BodyInit; contentType?: string } {
  const now = new Date().toISOString()
  switch (kind) {
    case undefined:
      return {}
    case 'usage':
      return { body: JSON.stringify({ events: [{ id: `acc-${randomBytes(6).toString('hex')}`, timestamp: now, model: world.model.slug, input_tokens: 3, output_tokens: 1 }] }), contentType: 'application/json' }
    case 'otlp':
      return { body: JSON.stringify({ resourceSpans: [] }), contentType: 'application/json' }
    case 'litellm-callback':
      return { body: '[]', contentType: 'application/json' }
    case 'route-question':
      return { body: JSON.stringify({ task: 'chat', data_class: 'internal' }), contentType: 'application/json' }
    case 'empty-json':
      return { body: '{}', contentType: 'application/json' }
    case 'litellm-upload': {
      const form = new FormData()
      form.set('file', new File([JSON.stringify({ [world.model.slug]: { input_cost_per_token: 0.000001, output_cost_per_token: 0.000002, litellm_provider: 'test', mode: 'chat' } })], 'prices.json', { type: 'application/json' }))
      form.set('mode', 'dry-run')
      return { body: form }
    }
    case 'bill-upload': {
      // A preview (writes nothing) of a one-line CSV bill.
      const form = new FormData()
      form.set('file', new File([`date,provider,model,cost\n2025-01-15,acc-test,${world.model.slug},1.25\n`], 'bill.csv', { type: 'text/csv' }))
      form.set('provider', 'csv')
      form.set('mode', 'preview')
      return { body: form }
    }
  }
}

async function call(sample: RouteSample, file: string, extraHeaders: Record<string, string>) {
  const { body: payload, contentType } = body(sample.body)
  const url = fill(sample.url, values)
  const params = sample.params ? Object.fromEntries(Object.entries(sample.params).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => fill(x, values)) : fill(v, values)])) : undefined
  const res = await callRoute(file, sample.method, url, {
    headers: { ...extraHeaders, ...(contentType ? { 'content-type': contentType } : {}) },
    body: payload,
    params,
  })
  return { res, text: await res.text() }
}

/** A refusal carries the error and nothing else. */
function expectRefusal(res: Response, text: string, status: 401 | 403, label: string) {
  expect(res.status, `${label}: ${text.slice(0, 300)}`).toBe(status)
  const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } }
  expect(Object.keys(parsed), label).toEqual(['error'])
  expect(Object.keys(parsed.error ?? {}).sort(), label).toEqual(['code', 'message'])
  expect(parsed.error?.code, label).toBe(status === 401 ? 'unauthorized' : 'forbidden')
}

function expectRedirect(res: Response, text: string, to: '/login' | '/forbidden', label: string) {
  expect([302, 303, 307], `${label}: ${res.status} ${text.slice(0, 200)}`).toContain(res.status)
  expect(new URL(res.headers.get('location') ?? '', 'http://localhost').pathname, label).toBe(to)
}

function expectNoOtherTeam(text: string, label: string) {
  expect(text, `${label} leaks the other team`).not.toContain(world.other.slug)
  expect(text, `${label} leaks the other team's event`).not.toContain(world.other.eventId)
}

const sessionGate = (g: Gate): Gate | null => (g.kind === 'api-key' ? (g.session ?? null) : g)

describe.each(routes.flatMap((r) => r.samples.map((s) => ({ file: r.file, sample: s, name: `${s.method} ${s.url}` }))))('$name', ({ file, sample }) => {
  const gate = sessionGate(sample.gate)

  it('refuses an anonymous caller without data', async () => {
    const { res, text } = await call(sample, file, headers.get('anonymous')!)
    if (sample.gate.kind === 'public') return expect(res.status, text.slice(0, 300)).toBeLessThan(300)
    if (sample.anonymous === 'redirect-login') return expectRedirect(res, text, '/login', 'anonymous')
    expectRefusal(res, text, 401, 'anonymous')
  })

  it.each(roles.map((role) => ({ role })))('$role: allowed exactly when the permissions table says so', async ({ role }: { role: Role }) => {
    const { res, text } = await call(sample, file, headers.get(role)!)
    const label = `${role} ${sample.method} ${sample.url}`
    if (gate === null) return expectRefusal(res, text, 401, `${label} (API key only)`)
    if (roleMayPass(role, gate)) {
      expect(res.status, `${label}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(200)
      expect(res.status, `${label}: ${text.slice(0, 300)}`).toBeLessThan(300)
      if (role === 'team_lead' || role === 'engineer') expectNoOtherTeam(text, label)
      return
    }
    if (sample.denied === 'redirect-forbidden') return expectRedirect(res, text, '/forbidden', label)
    expectRefusal(res, text, 403, label)
  })

  if (sample.gate.kind === 'api-key') {
    const keyGate = sample.gate
    const keyCases = [
      { key: 'own.usageAndSpend', scopes: ['usage:write', 'spend:read'], team: true },
      { key: 'own.usageOnly', scopes: ['usage:write'], team: true },
      { key: 'own.spendOnly', scopes: ['spend:read'], team: true },
      { key: 'org', scopes: ['spend:read:all'], team: false },
    ] as const
    it.each(keyCases)('API key $key: allowed exactly when its scopes say so', async ({ key, scopes, team }) => {
      const presented = key === 'org' ? world.keys.org : world.keys.own[key.slice(4) as keyof World['keys']['own']]
      const { res, text } = await call(sample, file, { ...headers.get('anonymous')!, authorization: `Bearer ${presented}` })
      const allowed = scopes.some((s) => (keyGate.anyScope as readonly string[]).includes(s)) && (team || !keyGate.teamKey)
      if (allowed) {
        expect(res.status, text.slice(0, 300)).toBeGreaterThanOrEqual(200)
        expect(res.status, text.slice(0, 300)).toBeLessThan(300)
        if (team) expectNoOtherTeam(text, `key ${key}`)
      } else expectRefusal(res, text, 403, `key ${key}`)
    })

    it.each(['garbage', 'unknown'] as const)('a %s key is a 401 without data', async (kind) => {
      const presented = kind === 'garbage' ? 'not-a-key' : `ml_zzzzzzzz_${randomBytes(32).toString('base64url')}`
      const { res, text } = await call(sample, file, { ...headers.get('anonymous')!, authorization: `Bearer ${presented}` })
      expectRefusal(res, text, 401, `${kind} key`)
    })
  }
})

describe('the matrix is not vacuous', () => {
  it('some signed-in callers are refused and some allowed', () => {
    const cells = routes.flatMap((r) => r.samples.flatMap((s) => roles.map((role) => (sessionGate(s.gate) ? roleMayPass(role, sessionGate(s.gate)!) : false))))
    expect(cells.filter(Boolean).length).toBeGreaterThan(10)
    expect(cells.filter((c) => !c).length).toBeGreaterThan(10)
    expect(allowedRoles({ kind: 'permissions', all: ['settings:manage'] })).toEqual(['admin'])
  })
})
