import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { GET as getAdvice } from '@/app/api/v1/advice/route'
import { GET as getFocus } from '@/app/api/v1/exports/focus/route'
import { POST as postOtlp } from '@/app/api/v1/otlp/v1/traces/route'
import { GET as getRepriceRun } from '@/app/api/v1/reprice-runs/[id]/route'
import { POST as postRoute } from '@/app/api/v1/route/route'
import { GET as getSpend } from '@/app/api/v1/spend/route'
import { POST as postUsage } from '@/app/api/v1/usage/route'
import { buildRequest, checkAnswer, checkRows, corpus, type Caller, type Endpoint, type HostileCase } from '@/test/hostile/corpus'
import { authorizationFor, contextFor, countRows, createHostileWorld, goodBatch, type HostileWorld } from '@/test/hostile/world'

// The hostile corpus (test/hostile/corpus.ts) against the route handlers in-process. The same corpus runs
// over real HTTP in e2e/hostile-api.spec.ts. Per case: the answer, the rows (exactly what was
// acknowledged, none in the other team) and a good request right after.

// The dashboard session is whatever a case says (Auth.js itself is exercised by the e2e run).
const authState = vi.hoisted(() => ({ session: null as unknown }))
vi.mock('@/auth', () => ({ auth: async () => authState.session }))

let world: HostileWorld

const sessionRoles: Partial<Record<Caller, 'engineer' | 'finance' | 'admin'>> = { engineer: 'engineer', finance: 'finance', admin: 'admin' }

function sessionFor(as: Caller | undefined) {
  const role = as ? sessionRoles[as] : undefined
  if (!role) return null
  const team = role === 'engineer' ? { teamId: world.team.id, teamSlug: world.team.slug } : { teamId: null, teamSlug: null }
  return { user: { id: 900_000 + Object.keys(sessionRoles).indexOf(role), email: `${role}@hostile.test`, name: role, role, ...team } }
}

async function dispatch(endpoint: Endpoint, req: Request, idSegment: string): Promise<Response> {
  switch (endpoint) {
    case 'usage':
      return postUsage(req)
    case 'otlp':
      return postOtlp(req)
    case 'route':
      return postRoute(req)
    case 'advice':
      return getAdvice(req)
    case 'spend':
      return getSpend(req)
    case 'focus':
      return getFocus(req)
    case 'reprice-run':
      return getRepriceRun(req, { params: Promise.resolve({ id: decodeURIComponent(idSegment) }) })
  }
}

async function send(c: HostileCase, index: number) {
  const ctx = contextFor(world, index)
  const r = buildRequest(c, ctx)
  const headers: Record<string, string> = {}
  if (r.contentType !== null) headers['content-type'] = r.contentType
  if (r.contentEncoding !== null) headers['content-encoding'] = r.contentEncoding
  const authorization = authorizationFor(world, c)
  if (authorization !== undefined) headers.authorization = authorization
  authState.session = sessionFor(c.as)
  const req = new Request(`http://localhost${r.path}`, { method: r.method, headers, body: r.body as BodyInit | null })
  const res = await dispatch(c.endpoint, req, c.endpoint === 'reprice-run' ? r.path.slice(r.path.lastIndexOf('/') + 1) : '')
  return { ctx, status: res.status, contentType: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) }
}

beforeAll(async () => {
  world = await createHostileWorld()
})

afterAll(() => {
  authState.session = null
})

describe(`hostile corpus in-process (${corpus.length} cases)`, () => {
  it.each(corpus.map((c, i) => ({ c, i, title: c.name })))('$title', async ({ c, i }) => {
    const before = await countRows(world)
    const { ctx, status, contentType, bytes } = await send(c, i)
    const after = await countRows(world)

    const problems = [...checkAnswer(c, status, contentType, bytes), ...checkRows(c, before, after)]
    expect(problems).toEqual([])

    // Still healthy: a good batch right after is stored.
    authState.session = null
    const health = await postUsage(new Request('http://localhost/api/v1/usage', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${world.keys.team}` }, body: goodBatch(ctx) }))
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ accepted: 1 })
  })

  it('no request polluted Object.prototype', () => {
    const probe = {} as Record<string, unknown>
    expect(probe.polluted).toBeUndefined()
    expect(probe.critical).toBeUndefined()
    expect(Object.keys(Object.prototype)).toEqual([])
  })
})
