import bcrypt from 'bcryptjs'
import Decimal from 'decimal.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { disconnectDb, pool, prisma } from '@/lib/db'
import { DEMO_LOGIN_BY_ROLE } from '@/lib/demo/demo-logins'
import { DEMO_TEAMS } from '@/lib/demo/demo-teams'
import { seedCatalog } from '@/lib/demo/seed-catalog'
import { seedDemo, type SeedDemoResult } from '@/lib/demo/seed-demo'

const DEMO_SLUGS = DEMO_TEAMS.map((t) => t.slug)
const UNPRICED = ['code-llama', 'mistral-large', 'mixtral', 'qwen2-0.5b', 'grok-2', 'phi-3', 'gemma-2-2b']

async function snapshot(): Promise<Record<string, number>> {
  const { rows } = await pool.query<Record<string, string>>(
    `SELECT
       (SELECT count(*) FROM models) AS models,
       (SELECT count(*) FROM model_aliases) AS aliases,
       (SELECT count(*) FROM price_versions) AS price_versions,
       (SELECT count(*) FROM teams WHERE slug = ANY($1)) AS teams,
       (SELECT count(*) FROM users WHERE email LIKE '%@modelledger.dev') AS users,
       (SELECT count(*) FROM team_policies p JOIN teams t ON t.id = p.team_id WHERE t.slug = ANY($1)) AS policies,
       (SELECT count(*) FROM usage_events e JOIN teams t ON t.id = e.team_id WHERE t.slug = ANY($1)) AS events,
       (SELECT coalesce(sum(e.cost), 0) FROM usage_events e JOIN teams t ON t.id = e.team_id WHERE t.slug = ANY($1)) AS cost,
       (SELECT count(*) FROM ingest_batches b JOIN teams t ON t.id = b.team_id WHERE t.slug = ANY($1)) AS batches`,
    [DEMO_SLUGS],
  )
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]))
}

async function priceVersionsOf(slug: string) {
  return prisma.priceVersion.findMany({ where: { model: { slug } } })
}

describe('seed', () => {
  const now = new Date()
  let afterFirst: Record<string, number>
  let afterSecond: Record<string, number>
  let second: SeedDemoResult

  beforeAll(async () => {
    await seedCatalog(prisma)
    await seedDemo(prisma, pool, { now })
    afterFirst = await snapshot()
    const catalogAgain = await seedCatalog(prisma)
    expect(catalogAgain.models.created + catalogAgain.aliases.created + catalogAgain.priceVersions.created).toBe(0)
    second = await seedDemo(prisma, pool, { now })
    afterSecond = await snapshot()
  })

  afterAll(async () => {
    await disconnectDb()
  })

  it('changes no count and no total when run again', () => {
    expect(afterFirst.models).toBeGreaterThanOrEqual(14)
    expect(afterFirst.teams).toBe(5)
    expect(afterFirst.events).toBeGreaterThan(40_000)
    expect(afterSecond).toEqual(afterFirst)
    expect(second.events.inserted).toBe(0)
    expect(second.events.batches).toBe(0)
    expect(second.users.created + second.teams.created + second.policies.created).toBe(0)
  })

  it('stores DeepSeek-R1 at the derived 0.55 per 1M tokens', async () => {
    const [r1, ...rest] = await priceVersionsOf('deepseek-r1')
    expect(rest).toHaveLength(0)
    expect(r1!.input.toString()).toBe('0.55')
    expect(r1!.output.toString()).toBe('0.55')
    expect(r1!.derived).toBe(true)
    expect(r1!.source).toBe('document')
    expect(r1!.effectiveFrom.toISOString()).toBe('2025-01-04T00:00:00.000Z')
  })

  it.each(UNPRICED)('leaves %s without any price version', async (slug) => {
    expect(await priceVersionsOf(slug)).toHaveLength(0)
  })

  it('prices local Llama 3.1 70B at exactly 0, and its calls as priced at 0', async () => {
    const [v, ...rest] = await priceVersionsOf('llama-3.1-70b')
    expect(rest).toHaveLength(0)
    expect(v!.input.isZero()).toBe(true)
    expect(v!.output.isZero()).toBe(true)
    const { rows } = await pool.query<{ status: string; cost: string }>(
      `SELECT e.status, e.cost FROM usage_events e JOIN models m ON m.id = e.model_id
       WHERE m.slug = 'llama-3.1-70b' AND e.event_id LIKE 'demo-%' LIMIT 20`,
    )
    expect(rows.length).toBeGreaterThan(0)
    for (const r of rows) expect([r.status, new Decimal(r.cost).isZero()]).toEqual(['priced', true])
  })

  it('prices demo events exactly with the version in force, falling back to input/output prices', async () => {
    const { rows } = await pool.query<Record<string, string>>(
      `SELECT e.input_tokens, e.cache_read_tokens, e.cache_write_tokens, e.output_tokens, e.reasoning_tokens,
              e.cost, p.input, p.output
       FROM usage_events e JOIN price_versions p ON p.id = e.price_version_id
       JOIN models m ON m.id = e.model_id
       WHERE m.slug IN ('o1', 'claude-3-5-sonnet') AND e.event_id LIKE 'demo-%'
         AND (e.reasoning_tokens > 0 OR e.cache_write_tokens > 0)
       LIMIT 50`,
    )
    expect(rows.length).toBeGreaterThan(0)
    for (const r of rows) {
      const inTokens = Number(r.input_tokens) + Number(r.cache_read_tokens) + Number(r.cache_write_tokens)
      const outTokens = Number(r.output_tokens) + Number(r.reasoning_tokens)
      const expected = new Decimal(inTokens).times(r.input!).plus(new Decimal(outTokens).times(r.output!)).dividedBy(1_000_000)
      expect(new Decimal(r.cost!).equals(expected)).toBe(true)
    }
  })

  it('stores calls to unknown and unpriced models as unpriced with no cost', async () => {
    const { rows } = await pool.query<{ model_raw: string; matched: boolean; statuses: string[]; costs: number }>(
      `SELECT model_raw, bool_or(model_id IS NOT NULL) AS matched, array_agg(DISTINCT status::text) AS statuses,
              count(cost)::int AS costs
       FROM usage_events WHERE model_raw IN ('gpt-4o-mini', 'my-finetune-v2', 'codellama:13b') AND event_id LIKE 'demo-%'
       GROUP BY model_raw ORDER BY model_raw`,
    )
    expect(rows).toEqual([
      { model_raw: 'codellama:13b', matched: true, statuses: ['unpriced'], costs: 0 },
      { model_raw: 'gpt-4o-mini', matched: false, statuses: ['unpriced'], costs: 0 },
      { model_raw: 'my-finetune-v2', matched: false, statuses: ['unpriced'], costs: 0 },
    ])
  })

  it('leaves every seeded batch for the rollup sweeper with its real event count', async () => {
    const { rows } = await pool.query<{ bad: number }>(
      `SELECT count(*)::int AS bad FROM ingest_batches b
       WHERE b.source = 'seed' AND b.event_count <> (SELECT count(*) FROM usage_events e WHERE e.batch_id = b.id)`,
    )
    expect(rows[0]!.bad).toBe(0)
  })

  it('creates one login per role with the documented password', async () => {
    for (const login of Object.values(DEMO_LOGIN_BY_ROLE)) {
      const user = await prisma.user.findUniqueOrThrow({ where: { email: login.email }, include: { team: true } })
      expect(user.role).toBe(login.role)
      expect(user.team?.slug ?? null).toBe(login.teamSlug)
      expect(await bcrypt.compare(login.password, user.passwordHash ?? '')).toBe(true)
    }
  })
})
