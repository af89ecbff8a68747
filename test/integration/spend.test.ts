import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { GET as getSpend } from '@/app/api/v1/spend/route'
import { createApiKey } from '@/lib/auth/api-keys'
import { clearApiKeyCache } from '@/lib/auth/verify-api-key'
import { pool, prisma } from '@/lib/db'
import { seedCatalog } from '@/lib/demo/seed-catalog'
import { AppError } from '@/lib/errors'
import { ingestEvents } from '@/lib/ingest/ingest-usage-batch'
import { invalidatePricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { Decimal } from '@/lib/pricing/decimal'
import { closeProducerQueues } from '@/lib/queues'
import { querySpend, type SpendReport, type SpendRow } from '@/lib/reports/query-spend'
import { applyBatchRollup } from '@/lib/rollups/apply-batch-rollup'
import { createTestTeam, randomSlug } from './fixtures'

// The route reads the dashboard session through Auth.js; here the session is whatever a test says.
const authState = vi.hoisted(() => ({ session: null as unknown }))
vi.mock('@/auth', () => ({ auth: async () => authState.session }))

// A constructed window far from "now", so nothing else writes into it for these teams.
const ingestNow = new Date('2025-07-03T00:00:00Z')
const models = ['gpt-4o', 'deepseek-chat', 'o1', 'llama-3.1-70b', 'my-private-model']

let teamA: { id: number; slug: string }
let teamB: { id: number; slug: string }
let keyA: string
let keyB: string
let orgKey: string

async function ingestAt(teamId: number, events: Record<string, unknown>[]) {
  // The advice stands in for the policy module: every gpt-4o call is flagged with a 90 % saving.
  const out = await ingestEvents(pool, teamId, events, {
    source: 'test',
    now: ingestNow,
    advise: (e) => (e.model?.slug === 'gpt-4o' && e.cost ? { rule: 'test-rule', severity: 'saving', suggestedModelId: null, estimatedSaving: e.cost.times('0.9') } : null),
  })
  expect(out.rejected).toBe(0)
  await applyBatchRollup(pool, out.batchId!)
}

function eventsFor(prefix: string, n: number) {
  // Spread over 2025-06-28 … 2025-07-02, including both sides of the month boundary at midnight UTC.
  const start = Date.parse('2025-06-28T00:00:00Z')
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    timestamp: new Date(start + ((i * 7_919_000) % (5 * 86_400_000))).toISOString(),
    model: models[i % models.length]!,
    input_tokens: 1000 + 13 * i,
    output_tokens: 17 * i,
    cache_read_tokens: i % 4 === 0 ? 300 : 0,
    reasoning_tokens: i % 5 === 2 ? 40 * i : 0,
  }))
}

const money = (v: string | null) => (v === null ? null : new Decimal(v).toFixed())

/** The same report straight from usage_events: what the rollups must agree with. */
async function rawSpend(teamId: number, from: string, to: string) {
  const { rows } = await pool.query(
    `SELECT coalesce(m.slug, e.model_raw) AS model, to_char((e.ts AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day,
            count(*)::int AS calls, sum(e.input_tokens)::int AS input_tokens, sum(e.cache_read_tokens)::int AS cache_read_tokens,
            sum(e.cache_write_tokens)::int AS cache_write_tokens, sum(e.output_tokens)::int AS output_tokens,
            sum(e.reasoning_tokens)::int AS reasoning_tokens, sum(e.cost)::text AS cost_usd,
            count(*) FILTER (WHERE e.status = 'unpriced')::int AS unpriced_calls,
            count(*) FILTER (WHERE e.advice_rule IS NOT NULL)::int AS flagged_calls,
            coalesce(sum(e.estimated_saving), 0)::text AS potential_saving_usd
       FROM usage_events e LEFT JOIN models m ON m.id = e.model_id
      WHERE e.team_id = $1 AND e.ts >= ($2::date::timestamp AT TIME ZONE 'UTC') AND e.ts < (($3::date + 1)::timestamp AT TIME ZONE 'UTC')
      GROUP BY 1, 2 ORDER BY coalesce(m.slug, e.model_raw) COLLATE "C", 2`,
    [teamId, from, to],
  )
  return rows.map((r) => ({ ...r, cost_usd: money(r.cost_usd), potential_saving_usd: money(r.potential_saving_usd) }))
}

function request(query: string, key?: string): Request {
  return new Request(`http://localhost/api/v1/spend${query}`, { headers: key ? { authorization: `Bearer ${key}` } : {} })
}

async function get(query: string, key?: string) {
  const res = await getSpend(request(query, key))
  return { status: res.status, body: (await res.json()) as SpendReport & { error?: { code: string; message: string } } }
}

const teamsIn = (rows: SpendRow[]) => [...new Set(rows.map((r) => r.team))]

beforeAll(async () => {
  await seedCatalog(prisma)
  invalidatePricingSnapshot()
  clearApiKeyCache()
  const a = await createTestTeam()
  const b = await createTestTeam()
  teamA = a.team
  teamB = b.team
  keyA = a.key
  keyB = b.key
  orgKey = (await createApiKey(prisma, { teamId: null, name: randomSlug('org'), actor: { name: 'test' } })).key
  await ingestAt(teamA.id, eventsFor('a', 120))
  await ingestAt(teamB.id, eventsFor('b', 40))
})

afterAll(async () => {
  authState.session = null
  clearApiKeyCache()
  await closeProducerQueues()
})

describe('querySpend', () => {
  it('equals a direct GROUP BY over the raw events, row by row', async () => {
    const report = await querySpend(pool, { from: '2025-06-28', to: '2025-07-02', groupBy: ['model', 'day'], teamIds: [teamA.id] })
    const raw = await rawSpend(teamA.id, '2025-06-28', '2025-07-02')
    expect(report.rows).toEqual(raw)
    expect(report.rows.length).toBeGreaterThan(15)
    expect(report.totals.calls).toBe(120)
    expect(report).toMatchObject({ from: '2025-06-28', to: '2025-07-02', group_by: ['model', 'day'], currency: 'USD' })
  })

  it('counts whole UTC days, both ends inclusive', async () => {
    const { team } = await createTestTeam()
    await ingestAt(team.id, [
      { id: 'before', timestamp: '2025-06-30T23:59:59.999Z', model: 'gpt-4o', input_tokens: 1_000_000 },
      { id: 'after', timestamp: '2025-07-01T00:00:00.000Z', model: 'gpt-4o', input_tokens: 2_000_000 },
      { id: 'end', timestamp: '2025-07-02T23:59:59.999Z', model: 'gpt-4o', input_tokens: 4_000_000 },
    ])
    const tokens = async (from: string, to: string) => (await querySpend(pool, { from, to, groupBy: [], teamIds: [team.id] })).totals.input_tokens
    expect(await tokens('2025-06-30', '2025-06-30')).toBe(1_000_000)
    expect(await tokens('2025-07-01', '2025-07-01')).toBe(2_000_000)
    expect(await tokens('2025-07-01', '2025-07-02')).toBe(6_000_000)
    expect(await tokens('2025-06-01', '2025-06-29')).toBe(0)
    const byDay = await querySpend(pool, { from: '2025-06-30', to: '2025-07-02', groupBy: ['day'], teamIds: [team.id] })
    expect(byDay.rows.map((r) => [r.day, r.cost_usd])).toEqual([
      ['2025-06-30', '5'],
      ['2025-07-01', '10'],
      ['2025-07-02', '20'],
    ])
    expect((await querySpend(pool, { from: '2025-06-01', to: '2025-06-29', groupBy: ['day'], teamIds: [team.id] })).rows).toEqual([])
  })

  it('gives the same totals for every grouping, with exactly the keys asked for, sorted', async () => {
    const base = { from: '2025-06-28', to: '2025-07-02', teamIds: [teamA.id] }
    const groupings = [[], ['team'], ['model'], ['route'], ['day'], ['month'], ['route', 'month'], ['month', 'route'], ['model', 'team'], ['team', 'model', 'route', 'day', 'month']]
    const reports = await Promise.all(groupings.map((groupBy) => querySpend(pool, { ...base, groupBy })))
    const totals = reports[0]!.totals
    reports.forEach((r, i) => {
      const keys = groupings[i]!
      expect(r.totals).toEqual(totals)
      for (const row of r.rows) expect(Object.keys(row).slice(0, keys.length)).toEqual(keys)
      const sortKey = (row: SpendRow) => keys.map((k) => String(row[k as keyof SpendRow] ?? '\uffff')).join('\u0000')
      expect(r.rows.map(sortKey)).toEqual([...r.rows.map(sortKey)].sort())
    })
    expect(reports[0]!.rows).toHaveLength(1)
    expect(reports[5]!.rows.map((r) => r.month)).toEqual(['2025-06', '2025-07'])
    expect(reports[3]!.rows.map((r) => r.route)).toEqual(['dense', 'moe', 'reasoning', null])
  })

  it('shows an all-unpriced row with cost null, never $0, and counts its calls', async () => {
    const r = await querySpend(pool, { from: '2025-06-28', to: '2025-07-02', groupBy: ['model'], teamIds: [teamA.id] })
    const unmatched = r.rows.find((row) => row.model === 'my-private-model')!
    expect(unmatched).toMatchObject({ cost_usd: null, unpriced_calls: 24, calls: 24 })
    const local = r.rows.find((row) => row.model === 'llama-3.1-70b')!
    expect(local).toMatchObject({ cost_usd: '0', unpriced_calls: 0 })
    const route = await querySpend(pool, { from: '2025-06-28', to: '2025-07-02', groupBy: ['route'], teamIds: [teamA.id] })
    expect(route.rows.find((row) => row.route === null)).toMatchObject({ cost_usd: null, unpriced_calls: 24 })
    expect(r.totals.unpriced_calls).toBe(24)
    expect(r.totals.cost_usd).not.toBeNull()
    expect(r.rows.find((row) => row.model === 'gpt-4o')).toMatchObject({ flagged_calls: 24 })
  })

  it('filters by model and route', async () => {
    const r = await querySpend(pool, { from: '2025-06-28', to: '2025-07-02', groupBy: ['model'], teamIds: [teamA.id], routes: ['moe', 'reasoning'] })
    expect(r.rows.map((row) => row.model)).toEqual(['deepseek-v3', 'o1'])
    const m = await querySpend(pool, { from: '2025-06-28', to: '2025-07-02', groupBy: ['team'], teamIds: [teamA.id, teamB.id], modelKeys: ['o1'] })
    expect(m.rows.map((row) => row.team)).toEqual([teamA.slug, teamB.slug].sort())
  })

  it('refuses invalid queries with AppError invalid and a clear message', async () => {
    const bad = async (patch: Record<string, unknown>) => {
      const err = await querySpend(pool, { from: '2025-06-28', to: '2025-07-02', groupBy: [], teamIds: 'all', ...patch }).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(AppError)
      expect((err as AppError).code).toBe('invalid')
      return (err as AppError).message
    }
    expect(await bad({ from: '2025-02-29' })).toMatch(/from must be a real calendar day/)
    expect(await bad({ from: '2025-07-03' })).toMatch(/must not be after/)
    expect(await bad({ from: '2024-01-01' })).toMatch(/at most 400 days/)
    expect(await bad({ groupBy: ['hour'] })).toMatch(/unknown group_by value 'hour'/)
  })
})

describe('GET /api/v1/spend with an API key', () => {
  it('a team key sees its own team only, whatever it asks for', async () => {
    const own = await get('?from=2025-06-28&to=2025-07-02&group_by=team,model', keyA)
    expect(own.status).toBe(200)
    expect(teamsIn(own.body.rows)).toEqual([teamA.slug])
    const explicit = await get(`?from=2025-06-28&to=2025-07-02&group_by=team&team=${teamA.slug}`, keyA)
    expect(explicit.body.rows.map((r) => r.team)).toEqual([teamA.slug])
    expect(explicit.body.totals).toEqual(own.body.totals)
  })

  it("asking for another team's spend is a 403 that says why, existing team or not", async () => {
    for (const team of [teamB.slug, `${teamA.slug},${teamB.slug}`, 'no-such-team-xyz']) {
      const res = await get(`?from=2025-06-28&to=2025-07-02&team=${team}`, keyA)
      expect(res.status, team).toBe(403)
      expect(res.body.error?.message).toMatch(/only your own team's spend/)
    }
  })

  it('an org-wide key (spend:read:all) sees every team and may filter to some', async () => {
    const all = await get('?from=2025-06-28&to=2025-07-02&group_by=team', orgKey)
    expect(all.status).toBe(200)
    expect(teamsIn(all.body.rows)).toEqual(expect.arrayContaining([teamA.slug, teamB.slug]))
    const some = await get(`?from=2025-06-28&to=2025-07-02&group_by=team&team=${teamB.slug},${teamA.slug}`, orgKey)
    expect(teamsIn(some.body.rows)).toEqual([teamA.slug, teamB.slug].sort())
    const b = await get('?from=2025-06-28&to=2025-07-02&group_by=team', keyB)
    expect(some.body.rows.find((r) => r.team === teamB.slug)).toEqual(b.body.rows[0])
    expect((await get('?from=2025-06-28&to=2025-07-02&team=no-such-team-xyz', orgKey)).status).toBe(422)
  })

  it('a key without a spend scope is 403; a bad key is 401', async () => {
    const { key } = await createApiKey(prisma, { teamId: teamA.id, name: randomSlug('ingest'), scopes: ['usage:write'], actor: { name: 'test' } })
    expect((await get('?group_by=team', key)).status).toBe(403)
    expect((await get('?group_by=team', 'ml_abcdefgh_' + 'x'.repeat(43))).status).toBe(401)
  })

  it('bad parameters → 422 naming them', async () => {
    const cases: [string, RegExp][] = [
      ['?from=2025-06-28&groupby=team&teams=x', /unknown query parameter\(s\): 'groupby', 'teams'/],
      ['?from=2025-06-28&to=2025-07-02&group_by=team,hour', /unknown group_by value 'hour'/],
      ['?from=2025-07-02&to=2025-06-28', /from \(2025-07-02\) must not be after to \(2025-06-28\)/],
      ['?from=2025-06-31&to=2025-07-02', /from must be a real calendar day/],
      ['?from=2024-01-01&to=2025-07-02', /at most 400 days/],
      ['?from=2025-06-28&to=2025-07-02&route=mixture', /unknown route 'mixture'/],
    ]
    for (const [query, message] of cases) {
      const res = await get(query, keyA)
      expect(res.status, query).toBe(422)
      expect(res.body.error?.code).toBe('invalid')
      expect(res.body.error?.message, query).toMatch(message)
    }
  })
})

describe('GET /api/v1/spend with a session', () => {
  const session = (role: string, teamId: number | null) => ({ user: { id: '1', email: 'u@example.com', name: 'U', role, teamId, teamSlug: null } })

  it('401 with neither a key nor a session', async () => {
    authState.session = null
    const res = await get('?group_by=team')
    expect(res.status).toBe(401)
    expect(res.body.error?.code).toBe('unauthorized')
  })

  it('finance and admin read all teams; engineers and team leads their own', async () => {
    for (const role of ['finance', 'admin']) {
      authState.session = session(role, null)
      const res = await get('?from=2025-06-28&to=2025-07-02&group_by=team')
      expect(res.status, role).toBe(200)
      expect(teamsIn(res.body.rows)).toEqual(expect.arrayContaining([teamA.slug, teamB.slug]))
    }
    for (const role of ['engineer', 'team_lead']) {
      authState.session = session(role, teamB.id)
      const res = await get('?from=2025-06-28&to=2025-07-02&group_by=team')
      expect(teamsIn(res.body.rows), role).toEqual([teamB.slug])
      expect((await get(`?from=2025-06-28&to=2025-07-02&team=${teamA.slug}`)).status).toBe(403)
    }
    authState.session = session('engineer', null)
    expect((await get('?group_by=team')).status).toBe(403)
    authState.session = null
  })
})
