import { readFileSync } from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { expect, test, type APIResponse } from '@playwright/test'
import { areaForPath, canOpen, roles, type Role } from '@/lib/auth/permissions'
import { pool, prisma } from '@/lib/db'
import { startReprice } from '@/lib/pricing/reprice/start-reprice'
import { fill, roleMayPass, routes, type Principal, type RouteSample } from '@/test/access/surface'
import { demoUsers, loginAs } from './helpers/login'

// The route handlers over real HTTP against the built app, with the browser's own session cookie:
// what a signed-in Chromium actually gets from each GET endpoint (proxy.ts first, then the handler),
// the security headers on every one of those responses, and CSRF: a cross-origin POST to a server
// action or a cookie-authenticated route handler is refused and changes nothing.

const hex = () => randomBytes(4).toString('hex')
let values: Record<string, string | number>

test.beforeAll(async () => {
  const model = await prisma.model.findUniqueOrThrow({ where: { slug: 'gpt-4o' } })
  const { run } = await startReprice(prisma, { from: new Date('2021-01-01T00:00:00Z'), to: new Date('2021-01-02T00:00:00Z'), modelId: model.id, dryRun: true, actor: { name: 'e2e-access' } }, pool)
  values = { ownTeam: 'search', otherTeam: 'support', model: model.slug, repriceRun: run.id }
})

const gets = routes.flatMap((r) => r.samples.filter((s) => s.method === 'GET').map((s) => ({ file: r.file, sample: s })))

function expectSecurityHeaders(res: APIResponse, label: string) {
  const h = res.headers()
  expect(h['x-content-type-options'], label).toBe('nosniff')
  expect(h['referrer-policy'], label).toBe('strict-origin-when-cross-origin')
  expect(h['permissions-policy'], label).toContain('camera=()')
  expect(h['x-frame-options'], label).toBe('DENY')
  expect(h['content-security-policy'], label).toMatch(/frame-ancestors 'none'/)
  expect(h['content-security-policy'], label).not.toMatch(/script-src[^;]*'unsafe-inline'/)
}

async function expectJsonError(res: APIResponse, status: number, label: string) {
  const text = await res.text()
  expect(res.status(), `${label}: ${text.slice(0, 200)}`).toBe(status)
  const body = JSON.parse(text) as Record<string, unknown>
  expect(Object.keys(body), label).toEqual(['error'])
}

/** What the built app must answer for this principal, proxy.ts included. */
async function expectAnswer(res: APIResponse, who: Principal, sample: RouteSample, url: string) {
  const label = `${who} GET ${url}`
  const pathname = new URL(url, 'http://x').pathname
  const isApi = pathname.startsWith('/api/')
  const gate = sample.gate.kind === 'api-key' ? (sample.gate.session ?? null) : sample.gate
  if (sample.gate.kind === 'public') return expect(res.status(), label).toBe(200)
  if (who === 'anonymous') {
    if (isApi) return expectJsonError(res, 401, label)
    expect(res.status(), label).toBe(307)
    return expect(res.headers().location, label).toContain(`/login?callbackUrl=${encodeURIComponent(url)}`)
  }
  const role = who as Role
  if (gate === null) return expectJsonError(res, 401, `${label} (API key only)`)
  const area = isApi ? null : areaForPath(pathname)
  if (area && !canOpen(role, area)) {
    // proxy.ts: the 403 page in place, before the handler runs.
    expect(res.status(), label).toBe(403)
    return expect(await res.text(), label).toContain('403 — not allowed')
  }
  if (roleMayPass(role, gate)) {
    const text = await res.text()
    expect(res.status(), `${label}: ${text.slice(0, 200)}`).toBe(200)
    if (role === 'team_lead' || role === 'engineer') expect(text, `${label} leaks team support`).not.toMatch(/(^|[,"\s])support([,"\s]|$)/m)
    return
  }
  if (sample.denied === 'redirect-forbidden') {
    expect(res.status(), label).toBe(303)
    return expect(res.headers().location, label).toContain('/forbidden')
  }
  return expectJsonError(res, 403, label)
}

test('anonymous: every GET endpoint answers 401 (API) or a redirect to /login (pages), with the security headers', async ({ request }) => {
  for (const { sample } of gets) {
    const url = fill(sample.url, values)
    const res = await request.get(url, { maxRedirects: 0 })
    await expectAnswer(res, 'anonymous', sample, url)
    expectSecurityHeaders(res, `anonymous ${url}`)
  }
})

for (const role of roles) {
  test(`${role}: every GET endpoint over HTTP, with the browser's session cookie`, async ({ page }) => {
    await loginAs(page, role)
    for (const { sample } of gets) {
      const url = fill(sample.url, values)
      const res = await page.request.get(url, { maxRedirects: 0 })
      await expectAnswer(res, role, sample, url)
      expectSecurityHeaders(res, `${role} ${url}`)
    }
  })
}

test('the session cookie is HttpOnly, SameSite=Lax, not readable from scripts, and (over http) not Secure', async ({ page }) => {
  await loginAs(page, 'engineer')
  const cookies = await page.context().cookies()
  const session = cookies.find((c) => c.name === 'authjs.session-token')
  expect(session, JSON.stringify(cookies.map((c) => c.name))).toBeDefined()
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' })
  // Session lifetime is bounded (12 h, auth.ts).
  expect(session!.expires * 1000 - Date.now()).toBeLessThanOrEqual(12 * 3600 * 1000 + 60_000)
  expect(await page.evaluate(() => document.cookie)).not.toContain('session-token')
})

/** The id of a server action in the build under test. */
function actionId(file: string, name: string): string {
  const manifest = JSON.parse(readFileSync(path.join(process.env.NEXT_DIST_DIR ?? '.next', 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename?: string; exportedName?: string }>
  }
  const id = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === name)?.[0]
  if (!id) throw new Error(`no server action ${file}#${name} in the build`)
  return id
}

/** A server action call as React's client sends it: (prevState, FormData) encoded by encodeReply (the form's fields as part 1). */
function actionBody(prev: unknown, fields: Record<string, string>): FormData {
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields)) fd.append(`_1_${k}`, v)
  fd.append('0', JSON.stringify([prev, '$K1']))
  return fd
}

test.describe('CSRF', () => {
  const createTeam = () => ({ id: actionId('app/(app)/settings/actions.ts', 'createTeamAction'), prev: { status: 'idle', message: null, fieldErrors: {}, values: {}, seq: 0 } })

  test("a cross-origin POST to a server action is refused with 403 and changes nothing; the same request from the app's origin works", async ({ page, baseURL }) => {
    await loginAs(page, 'admin')
    const { id, prev } = createTeam()
    const post = (origin: string, slug: string) =>
      page.request.post('/settings/teams', {
        headers: { 'next-action': id, origin, accept: 'text/x-component' },
        multipart: actionBody(prev, { slug, name: 'CSRF probe' }),
        maxRedirects: 0,
      })

    const evilSlug = `csrf-${hex()}`
    for (const origin of ['https://evil.example', 'null', `${baseURL!.replace('localhost', '127.0.0.1')}`]) {
      const res = await post(origin, evilSlug)
      expect(res.status(), `Origin ${origin}`).toBe(403)
      expect(await res.json()).toEqual({ error: { code: 'forbidden', message: 'cross-origin request refused' } })
    }
    expect(await prisma.team.count({ where: { slug: evilSlug } })).toBe(0)

    // Control: the identical request from the app's own origin runs the action, so the refusal above is the Origin's doing.
    const goodSlug = `csrf-ok-${hex()}`
    const ok = await post(baseURL!, goodSlug)
    expect(ok.status(), await ok.text()).toBe(200)
    await expect.poll(() => prisma.team.count({ where: { slug: goodSlug } })).toBe(1)
  })

  test('server actions re-check the role over the wire: an engineer posting the admin-only action gets the refusal, nothing changes', async ({ page, baseURL }) => {
    await loginAs(page, 'engineer')
    const { id, prev } = createTeam()
    const slug = `csrf-eng-${hex()}`
    const res = await page.request.post('/settings/teams', {
      headers: { 'next-action': id, origin: baseURL!, accept: 'text/x-component' },
      multipart: actionBody(prev, { slug, name: 'Not allowed' }),
      maxRedirects: 0,
    })
    expect(await res.text()).toContain('Not allowed')
    expect(await prisma.team.count({ where: { slug } })).toBe(0)
  })

  test('cookie-authenticated route handlers refuse cross-origin writes too (LiteLLM upload, queue board)', async ({ page }) => {
    await loginAs(page, 'admin')
    const before = await prisma.auditLog.count({ where: { actor: demoUsers.admin.email, action: 'queue.board' } })
    const upload = await page.request.post('/models/import/upload', {
      headers: { origin: 'https://evil.example' },
      multipart: { mode: 'dry-run', file: { name: 'p.json', mimeType: 'application/json', buffer: Buffer.from('{}') } },
    })
    expect(upload.status()).toBe(403)
    const board = await page.request.put('/admin/queues/api/queues/alerts/retry/failed', { headers: { origin: 'https://evil.example' } })
    expect(board.status()).toBe(403)
    expect(await prisma.auditLog.count({ where: { actor: demoUsers.admin.email, action: 'queue.board' } })).toBe(before)
  })
})
