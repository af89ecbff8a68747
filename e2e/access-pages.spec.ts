import { expect, test, type Page } from '@playwright/test'
import { roles, type Role } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import { fill, pages, roleMayOpenPage, roleMayPass, type PageEntry } from '@/test/access/surface'
import { cspViolations, expectHydrated, expectSecureDocument, watchCsp } from './helpers/access-csp'
import { loginAs } from './helpers/login'

// Every page (test/access/surface.ts) × anonymous and each demo role, through the real login form, in
// Chromium against the built app: an allowed role gets the page (200, its heading, hydrated, every
// script carrying the CSP nonce, the security headers, and no CSP violation); anonymous visitors are
// sent to /login (callbackUrl kept); a refused role gets the 403 page with HTTP 403 — served in place
// by proxy.ts when the nav area is closed to the role, or via a redirect to /forbidden?need=<what>
// when the page's own requirePermission refuses (app/(app)/require-user.ts).

let values: Record<string, string>

test.beforeAll(async () => {
  const [own, other, model] = await Promise.all([
    prisma.team.findUniqueOrThrow({ where: { slug: 'search' } }),
    prisma.team.findUniqueOrThrow({ where: { slug: 'support' } }),
    prisma.model.findUniqueOrThrow({ where: { slug: 'gpt-4o' } }),
  ])
  values = { ownTeam: own.slug, ownTeamName: own.name, otherTeam: other.slug, model: model.slug, modelName: model.displayName }
})

const headingOf = (p: PageEntry, role: Role) => fill(typeof p.heading === 'function' ? p.heading(role) : p.heading, values)
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

async function expectForbidden(page: Page, status: number | undefined, label: string) {
  expect(status, label).toBe(403)
  await expect(page.getByText('403 — not allowed'), label).toBeVisible()
}

test('anonymous visitors are sent to /login from every page, and see no page content', async ({ page }) => {
  const csp = await watchCsp(page)
  for (const p of pages) {
    const path = fill(p.path, values)
    const res = await page.goto(path)
    if (p.gate.kind === 'public') {
      expect(res?.status(), path).toBe(200)
      await expect(page.getByRole('heading', { name: headingOf(p, 'admin'), exact: true })).toBeVisible()
      await expectSecureDocument(page, res, path)
      await expectHydrated(page, path)
      continue
    }
    const first = res?.request().redirectedFrom()?.redirectedFrom() ?? res?.request().redirectedFrom()
    expect(first, `${path} should redirect`).toBeTruthy()
    await expect(page, path).toHaveURL(path === '/' ? /\/login$/ : new RegExp(`/login\\?callbackUrl=${escape(encodeURIComponent(path))}$`))
    await expect(page.getByRole('heading', { name: 'Sign in' }), path).toBeVisible()
  }
  expect(await cspViolations(page)).toEqual([])
  expect(csp.console).toEqual([])
})

for (const role of roles) {
  test(`${role}: every page answers as the permissions table says, under a strict CSP`, async ({ page }) => {
    test.setTimeout(120_000)
    const csp = await watchCsp(page)
    await loginAs(page, role)
    const teamScoped = role === 'team_lead' || role === 'engineer'
    for (const p of pages) {
      const path = fill(p.path, values)
      const label = `${role} ${path}`
      const res = await page.goto(path)
      const status = res?.status()

      if (p.path === '/forbidden') {
        await expectForbidden(page, status, label)
      } else if (p.path === '/login' || p.path === '/') {
        // Signed in: both send the user on to the Spend page.
        await expect(page, label).toHaveURL(/\/spend$/)
        await expect(page.getByRole('heading', { name: 'Spend', exact: true }), label).toBeVisible()
      } else if (roleMayOpenPage(role, p)) {
        expect(status, label).toBe(200)
        await expect(page, label).toHaveURL(new RegExp(`${escape(path)}$`))
        await expect(page.getByRole('heading', { level: 1, name: headingOf(p, role), exact: true }), label).toBeVisible()
        // Every page each role may see, as that role sees it (test output, not committed).
        const name = path.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '-') || 'home'
        await page.screenshot({ path: test.info().outputPath(`pages/${role}/${name}.png`), fullPage: true })
      } else if (p.teamScopedGoHome && teamScoped) {
        await expect(page, label).toHaveURL(new RegExp(`/teams/${values.ownTeam}$`))
        await expect(page.getByRole('heading', { level: 1, name: values.ownTeamName, exact: true }), label).toBeVisible()
      } else {
        await expectForbidden(page, status, label)
        await expect(page.getByRole('heading', { level: 1, name: headingOf(p, role), exact: true }), label).toHaveCount(0)
        // Closed nav area → proxy.ts answers 403 at the same URL; open area but a stricter page → redirect.
        if (roleMayPass(role, p.gate)) throw new Error(`${label}: refused although the gate admits the role`)
        const areaClosed = !roleMayOpenPage(role, { ...p, gate: { kind: 'signed-in' } })
        if (areaClosed || p.refusedInPlace) await expect(page, label).toHaveURL(new RegExp(`${escape(path)}$`))
        else await expect(page, label).toHaveURL(/\/forbidden\?need=/)
      }
      await expectSecureDocument(page, res, label)
      await expectHydrated(page, label)
    }
    expect(await cspViolations(page), `${role}: CSP violations`).toEqual([])
    expect(csp.console, `${role}: CSP console messages`).toEqual([])
  })
}

test("tenant wall on team pages: a team's lead and engineer get 403 for another team and for guessed slugs; finance reads any team", async ({ page }) => {
  for (const role of ['team_lead', 'engineer'] as const) {
    await loginAs(page, role)
    for (const path of [`/teams/${values.otherTeam}`, '/teams/no-such-team-xyz', `/teams/${values.otherTeam}/export?table=keys`, `/teams/${values.otherTeam}/export?table=policy`]) {
      const res = await page.goto(path)
      expect(res?.status(), `${role} ${path}`).toBe(403)
      expect(await page.content(), `${role} ${path}`).not.toContain(values.otherTeam === 'support' ? 'Customer Support' : values.otherTeam)
    }
    await page.context().clearCookies()
  }
  await loginAs(page, 'finance')
  expect((await page.goto(`/teams/${values.otherTeam}`))?.status()).toBe(200)
  expect((await page.goto('/teams/no-such-team-xyz'))?.status()).toBe(404)
})

test('an unknown URL is a 404 that still runs under the policy (rendered per request, with the nonce)', async ({ page }) => {
  const csp = await watchCsp(page)
  await loginAs(page, 'engineer')
  for (const path of ['/no-such-page', '/models/no-such-model']) {
    const res = await page.goto(path)
    await expect(page.getByText('This page could not be found.'), path).toBeVisible()
    if (path === '/no-such-page') {
      expect(res?.status(), path).toBe(404)
      await expectSecureDocument(page, res, path)
    }
    await expectHydrated(page, path)
  }
  expect(await cspViolations(page)).toEqual([])
  expect(csp.console).toEqual([])
})

test('the queue board (bull-board, admins only) runs under its own policy without CSP violations', async ({ page }) => {
  const csp = await watchCsp(page)
  await loginAs(page, 'admin')
  const res = await page.goto('/admin/queues')
  expect(res?.status()).toBe(200)
  const policy = (await res!.allHeaders())['content-security-policy'] ?? ''
  expect(policy).toMatch(/script-src 'self'(;|$)/)
  expect(policy).toMatch(/frame-ancestors 'none'/)
  // The board's own script renders its queue list (it ran under the policy).
  await expect(page.getByText('rollup').first()).toBeVisible()
  expect(await cspViolations(page)).toEqual([])
  expect(csp.console).toEqual([])
})

test('no page can be framed by another page (frame-ancestors none, X-Frame-Options DENY)', async ({ page, baseURL }) => {
  const csp = await watchCsp(page)
  // A page of another origin (about:blank's opener is none) that frames the login page.
  await page.setContent(`<iframe id="f" src="${baseURL}/login" width="400" height="300"></iframe>`)
  const frame = page.frames().find((f) => f !== page.mainFrame())
  await expect.poll(() => csp.console.some((m) => /frame-ancestors|refused to display/i.test(m)) || frame?.url() === 'chrome-error://chromewebdata/').toBe(true)
  // Nothing of the login page rendered inside the frame.
  const inner = await page.frameLocator('#f').locator('text=Sign in').count()
  expect(inner).toBe(0)
})
