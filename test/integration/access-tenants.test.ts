import { randomBytes } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.AUTH_SECRET ??= 'access-tests-only-secret-0123456789'
})
vi.mock('next/headers', () => import('@/test/access/next-request-scope'))
vi.mock('next/cache', () => import('@/test/access/next-request-scope'))

import { prisma } from '@/lib/db'
import { callRoute } from '@/test/access/call-route'
import { headersFor, type TestUser, type World } from '@/test/access/world'
import { setUpAccessWorld } from '@/test/access/set-up-world'

// Tenant walls (ARCHITECTURE.md invariant 6): team A's API keys and team A's people can neither read nor write
// anything of team B — spend, advice, flagged calls, events, keys, policy, exports — however they
// name B: a slug in the path, a ?team= filter, a list of teams, or a guess. Each attempt is a 403 (or
// the caller's own data only) and never contains B's slug or B's event. Admin and finance, who read
// every team, are the control: the same requests show B's data to them, so the checks can fail.

let world: World
setUpAccessWorld((w) => (world = w))

// A refusal may repeat the slug the caller asked for (their own input); data would carry the other
// team's name or its event.
const leaksData = (text: string) => text.includes(world.other.name) || text.includes(world.other.eventId)
const leaks = (text: string) => leaksData(text) || text.includes(world.other.slug)

async function asUser(who: 'team_lead' | 'engineer' | 'finance' | 'admin' | TestUser, file: string, url: string, params?: Record<string, string>) {
  const res = await callRoute(file, 'GET', url, { headers: await headersFor(world, who), params })
  return { status: res.status, text: await res.text() }
}

async function withKey(key: string, file: string, url: string, init: { method?: string; body?: string } = {}) {
  const res = await callRoute(file, init.method ?? 'GET', url, {
    headers: { authorization: `Bearer ${key}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body,
  })
  return { status: res.status, text: await res.text() }
}

// Reads a team-scoped user may try against the other team; `own` is the same read of their own team.
type Read = { file: string; other: string; own: string | null; params?: boolean }
const sessionReads = (): Read[] => [
  { file: 'app/api/v1/spend/route.ts', other: `/api/v1/spend?group_by=team&team=${world.other.slug}`, own: `/api/v1/spend?group_by=team&team=${world.own.slug}` },
  { file: 'app/api/v1/spend/route.ts', other: `/api/v1/spend?group_by=team&team=${world.own.slug},${world.other.slug}`, own: null },
  { file: 'app/(app)/spend/export/route.ts', other: `/spend/export?table=teams&team=${world.other.slug}`, own: `/spend/export?table=teams&team=${world.own.slug}` },
  { file: 'app/(app)/spend/export/route.ts', other: `/spend/export?table=budgets&team=${world.other.slug}`, own: null },
  { file: 'app/(app)/advice/export/route.ts', other: `/advice/export?table=flagged&team=${world.other.slug}`, own: `/advice/export?table=flagged&team=${world.own.slug}` },
  { file: 'app/(app)/advice/export/route.ts', other: `/advice/export?table=by-team&team=${world.other.slug}`, own: null },
  ...(['daily', 'alerts', 'flagged', 'policy', 'keys'] as const).map((table) => ({
    file: 'app/(app)/teams/[slug]/export/route.ts',
    other: `/teams/${world.other.slug}/export?table=${table}`,
    own: `/teams/${world.own.slug}/export?table=${table}`,
    params: true,
  })),
]

const slugParam = (url: string) => ({ slug: url.split('/')[2] ?? '' })

describe("a team's people cannot read another team", () => {
  it.each(['team_lead', 'engineer'] as const)('%s: every read naming the other team is a 403 without its data; their own is allowed', async (role) => {
    for (const r of sessionReads()) {
      const other = await asUser(role, r.file, r.other, r.params ? slugParam(r.other) : undefined)
      expect(other.status, `${role} ${r.other}: ${other.text.slice(0, 200)}`).toBe(403)
      expect(leaksData(other.text), `${role} ${r.other}`).toBe(false)
      expect(Object.keys(JSON.parse(other.text) as object), `${role} ${r.other}`).toEqual(['error'])
      if (r.own) {
        const own = await asUser(role, r.file, r.own, r.params ? slugParam(r.own) : undefined)
        expect(own.status, `${role} ${r.own}: ${own.text.slice(0, 200)}`).toBe(200)
        expect(leaks(own.text), `${role} ${r.own}`).toBe(false)
      }
    }
  })

  it('the other team’s lead is walled off from this team the same way (both directions)', async () => {
    const r = await asUser(world.otherLead, 'app/(app)/teams/[slug]/export/route.ts', `/teams/${world.own.slug}/export?table=flagged`, { slug: world.own.slug })
    expect(r.status).toBe(403)
    expect(r.text).not.toContain(world.own.eventId)
  })

  it('a guessed slug gets the same 403 as a real other team (slugs cannot be probed)', async () => {
    const guess = `acc-guess-${randomBytes(4).toString('hex')}`
    const real = await asUser('team_lead', 'app/(app)/teams/[slug]/export/route.ts', `/teams/${world.other.slug}/export?table=flagged`, { slug: world.other.slug })
    const guessed = await asUser('team_lead', 'app/(app)/teams/[slug]/export/route.ts', `/teams/${guess}/export?table=flagged`, { slug: guess })
    expect([real.status, guessed.status]).toEqual([403, 403])
    expect(guessed.text).toBe(real.text)
    const spendGuess = await asUser('team_lead', 'app/api/v1/spend/route.ts', `/api/v1/spend?team=${guess}`)
    expect(spendGuess.status).toBe(403)
  })

  it('without a filter, exports hold only their own team (the event of the other team is nowhere)', async () => {
    for (const url of ['/spend/export?table=teams', '/spend/export?table=daily', '/advice/export?table=flagged', '/advice/export?table=by-team']) {
      const file = url.startsWith('/spend') ? 'app/(app)/spend/export/route.ts' : 'app/(app)/advice/export/route.ts'
      const lead = await asUser('team_lead', file, url)
      expect(lead.status, url).toBe(200)
      expect(leaks(lead.text), url).toBe(false)
    }
    const flagged = await asUser('engineer', 'app/(app)/advice/export/route.ts', '/advice/export?table=flagged')
    expect(flagged.text).toContain(world.own.eventId)
  })

  it('control: finance and admin do see the other team through the same requests', async () => {
    for (const role of ['finance', 'admin'] as const) {
      expect(leaks((await asUser(role, 'app/(app)/advice/export/route.ts', `/advice/export?table=flagged&team=${world.other.slug}`)).text), role).toBe(true)
      expect(leaks((await asUser(role, 'app/(app)/teams/[slug]/export/route.ts', `/teams/${world.other.slug}/export?table=flagged`, { slug: world.other.slug })).text), role).toBe(true)
      expect(leaks((await asUser(role, 'app/api/v1/spend/route.ts', `/api/v1/spend?group_by=team&team=${world.other.slug}`)).text), role).toBe(true)
    }
  })
})

describe("a team's API key cannot read another team", () => {
  const key = () => world.keys.own.usageAndSpend

  it.each([
    ['spend', 'app/api/v1/spend/route.ts', () => `/api/v1/spend?group_by=team&team=${world.other.slug}`],
    ['FOCUS export', 'app/api/v1/exports/focus/route.ts', () => `/api/v1/exports/focus?team=${world.other.slug}`],
  ])('%s with ?team=<other> is a 403 without data', async (_name, file, url) => {
    const r = await withKey(key(), file, url())
    expect(r.status, r.text.slice(0, 200)).toBe(403)
    expect(leaksData(r.text)).toBe(false)
    expect(Object.keys(JSON.parse(r.text) as object)).toEqual(['error'])
  })

  it('spend, advice and FOCUS without a filter answer for the key’s own team only', async () => {
    const month = new Date().toISOString().slice(0, 7)
    for (const [file, url] of [
      ['app/api/v1/spend/route.ts', '/api/v1/spend?group_by=team'],
      ['app/api/v1/advice/route.ts', '/api/v1/advice'],
      ['app/api/v1/exports/focus/route.ts', `/api/v1/exports/focus?month=${month}`],
    ] as const) {
      const r = await withKey(key(), file, url)
      expect(r.status, `${url}: ${r.text.slice(0, 200)}`).toBe(200)
      expect(leaks(r.text), url).toBe(false)
    }
    // The spend answer does hold the key's own team, so "no leak" above is not an empty answer.
    expect((await withKey(key(), 'app/api/v1/spend/route.ts', '/api/v1/spend?group_by=team')).text).toContain(world.own.slug)
  })

  it('control: the org-wide key reads the other team through the same request', async () => {
    expect(leaks((await withKey(world.keys.org, 'app/api/v1/spend/route.ts', `/api/v1/spend?group_by=team&team=${world.other.slug}`)).text)).toBe(true)
  })
})

describe("a team's API key cannot write into another team", () => {
  it('usage posted with team A’s key lands in team A, whatever the body says', async () => {
    const id = `acc-write-${randomBytes(5).toString('hex')}`
    const event = { id, timestamp: new Date().toISOString(), model: world.model.slug, input_tokens: 5, output_tokens: 5, tags: { team: world.other.slug } }
    const ok = await withKey(world.keys.own.usageOnly, 'app/api/v1/usage/route.ts', '/api/v1/usage', { method: 'POST', body: JSON.stringify({ events: [event] }) })
    expect(ok.status, ok.text).toBe(200)
    // A team field in the envelope or the event is not part of the schema: refused, not routed.
    const smuggled = await withKey(world.keys.own.usageOnly, 'app/api/v1/usage/route.ts', '/api/v1/usage', { method: 'POST', body: JSON.stringify({ team: world.other.slug, events: [{ ...event, id: `${id}-2`, team_id: world.other.id }] }) })
    expect(smuggled.status).toBeGreaterThanOrEqual(400)
    expect(smuggled.status).toBeLessThan(500)
    const stored = await prisma.usageEvent.findMany({ where: { eventId: { in: [id, `${id}-2`] } }, select: { teamId: true, eventId: true } })
    expect(stored).toEqual([{ teamId: world.own.id, eventId: id }])
  })

  it("the same event id in two teams is two events: team B's event cannot be overwritten or de-duplicated away by team A", async () => {
    const before = await prisma.usageEvent.findMany({ where: { eventId: world.other.eventId } })
    const r = await withKey(world.keys.own.usageOnly, 'app/api/v1/usage/route.ts', '/api/v1/usage', {
      method: 'POST',
      body: JSON.stringify({ events: [{ id: world.other.eventId, timestamp: new Date().toISOString(), model: world.model.slug, input_tokens: 999, output_tokens: 999 }] }),
    })
    expect(r.status).toBe(200)
    expect(JSON.parse(r.text)).toMatchObject({ accepted: 1, duplicates: 0 })
    const after = await prisma.usageEvent.findMany({ where: { eventId: world.other.eventId }, orderBy: { teamId: 'asc' } })
    expect(after.filter((e) => e.teamId === world.other.id)).toEqual(before)
    expect(after.map((e) => e.teamId).sort()).toEqual([world.own.id, world.other.id].sort())
  })

  it('route advice follows the key’s own team policy (there is no team parameter to aim elsewhere)', async () => {
    const r = await withKey(world.keys.own.spendOnly, 'app/api/v1/route/route.ts', '/api/v1/route', { method: 'POST', body: JSON.stringify({ task: 'chat', data_class: 'internal', team: world.other.slug }) })
    expect(r.status).toBe(422)
    expect(leaks(r.text)).toBe(false)
  })
})
