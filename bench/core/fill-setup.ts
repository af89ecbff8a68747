import type pg from 'pg'
import { prng } from './events'
import type { BenchContext } from './types'

// The fill's set-up (see fill.ts): its teams, the template events prepared by the real ingest code, and
// the SQL that prices a generated event at its own timestamp.

export type FillTeam = { id: number; slug: string; profile: number; profileSlug: string; weight: number }

const TEMPLATE_DAYS = 14
const MAX_TEMPLATES_PER_PROFILE = 4000
const TEMPLATE_COLUMNS = `model_raw, model_id, provider, input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
  task, data_class, latency_ms, tags, raw_usage, advice_rule, advice_severity, suggested_model_id, has_saving, js_cost, js_pv, ts`

export async function createTeams(ctx: BenchContext, count: number, events: number, days: number): Promise<FillTeam[]> {
  const { lib } = ctx
  const app = await import('./app-lib')
  const profiles = app.DEMO_USAGE_PROFILES
  // Team i follows profile i mod 5; later rounds of the same profile are smaller (1/2, 1/3, …).
  const weights = Array.from({ length: count }, (_, i) => profiles[i % profiles.length]!.weekdayCalls / (1 + Math.floor(i / profiles.length)))
  const sumW = weights.reduce((s, w) => s + w, 0)
  const teams: FillTeam[] = []
  for (let i = 0; i < count; i++) {
    const p = i % profiles.length
    const profile = profiles[p]!
    const demo = app.DEMO_TEAMS.find((t) => t.slug === profile.teamSlug)
    const slug = `fill-${profile.teamSlug}-${1 + Math.floor(i / profiles.length)}`
    const weight = weights[i]!
    let team = await lib.prisma.team.findUnique({ where: { slug }, select: { id: true } })
    if (!team) {
      team = await lib.prisma.team.create({ data: { slug, name: `Fill ${profile.teamSlug} ${1 + Math.floor(i / profiles.length)}` }, select: { id: true } })
      if (demo) {
        // The demo budgets fit the demo's volume; scale them to this team's share of the fill.
        const scale = (events * (weight / sumW)) / days / profile.weekdayCalls
        const pol = demo.policy
        await lib.prisma.teamPolicy.create({
          data: {
            teamId: team.id,
            version: 1,
            allowedModels: pol.allowedModels,
            blockedModels: pol.blockedModels,
            localDataClasses: pol.localDataClasses,
            defaultModels: pol.defaultModels,
            maxPricePer1k: pol.maxPricePer1k,
            monthlyBudget: (Number(pol.monthlyBudget) * Math.max(scale, 0.01)).toFixed(2),
            alertThresholds: pol.alertThresholds,
            critical: pol.critical,
          },
        })
      }
    }
    teams.push({ id: team.id, slug, profile: p, profileSlug: profile.teamSlug, weight })
  }
  return teams
}

/** Runs the demo generator per profile and prepares its events through the real ingest code. */
export async function loadTemplates(ctx: BenchContext, teams: FillTeam[], now: Date): Promise<{ perProfile: Map<number, number>; total: number }> {
  const { lib } = ctx
  const app = await import('./app-lib')
  const snapshot = await lib.getPricingSnapshot(lib.pool)
  await lib.pool.query('DROP TABLE IF EXISTS bench_fill_templates')
  await lib.pool.query(`
    CREATE UNLOGGED TABLE bench_fill_templates (
      profile int NOT NULL, k int NOT NULL, model_raw text NOT NULL, model_id int, provider text,
      input_tokens int NOT NULL, cache_read_tokens int NOT NULL, cache_write_tokens int NOT NULL,
      output_tokens int NOT NULL, reasoning_tokens int NOT NULL, task "TaskType", data_class "DataClass",
      latency_ms int, tags jsonb, raw_usage jsonb, advice_rule text, advice_severity "Severity",
      suggested_model_id int, has_saving boolean NOT NULL, js_cost numeric, js_pv int, ts timestamptz NOT NULL,
      PRIMARY KEY (profile, k))`)
  const perProfile = new Map<number, number>()
  let total = 0
  for (const [p, profile] of app.DEMO_USAGE_PROFILES.entries()) {
    const team = teams.find((t) => t.profile === p)
    if (!team) continue
    const demo = app.generateDemoEvents(profile, { now, days: TEMPLATE_DAYS })
    const pick = prng(7 + p)
    const chosen = demo.length <= MAX_TEMPLATES_PER_PROFILE ? demo : demo.filter(() => pick() < MAX_TEMPLATES_PER_PROFILE / demo.length)
    const raw = chosen.map((e, i) => ({ ...app.demoUsageEvent(e), id: `t${p}-${i}` }))
    const advise = await lib.adviseForTeam(lib.pool, team.id)
    const prepared = lib.prepareEvents(raw, {
      teamId: team.id,
      now,
      maxAgeMs: (TEMPLATE_DAYS + 1) * 86_400_000,
      maxFutureMs: 86_400_000,
      matchModel: snapshot.matchModel,
      prices: snapshot.prices,
      advise,
    })
    const rejected = prepared.results.filter((r) => r.status === 'rejected')
    if (rejected.length) throw new Error(`fill: template events rejected: ${rejected[0]?.error}`)
    const rows = prepared.rows
    const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f)
    await lib.pool.query(
      `INSERT INTO bench_fill_templates (profile, k, ${TEMPLATE_COLUMNS})
         SELECT $1, k - 1, ${TEMPLATE_COLUMNS} FROM unnest($2::text[], $3::int[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[],
                                          $10::"TaskType"[], $11::"DataClass"[], $12::int[], $13::jsonb[], $14::jsonb[], $15::text[],
                                          $16::"Severity"[], $17::int[], $18::boolean[], $19::numeric[], $20::int[], $21::timestamptz[])
                             WITH ORDINALITY AS u(${TEMPLATE_COLUMNS}, k)`,
      [
        p,
        col((r) => r.modelRaw),
        col((r) => r.modelId),
        col((r) => r.provider),
        col((r) => r.buckets.input),
        col((r) => r.buckets.cacheRead),
        col((r) => r.buckets.cacheWrite),
        col((r) => r.buckets.output),
        col((r) => r.buckets.reasoning),
        col((r) => r.task),
        col((r) => r.dataClass),
        col((r) => r.latencyMs),
        col((r) => r.tags),
        col((r) => r.rawUsage),
        col((r) => r.advice?.rule ?? null),
        col((r) => r.advice?.severity ?? null),
        col((r) => r.advice?.suggestedModelId ?? null),
        col((r) => r.advice?.estimatedSaving != null),
        col((r) => r.cost?.toFixed() ?? null),
        col((r) => r.priceVersionId),
        col((r) => r.ts.toISOString()),
      ],
    )
    perProfile.set(p, rows.length)
    total += rows.length
  }
  return { perProfile, total }
}

/** `e` (ts, model_id, suggested_model_id, token columns) priced at its own time: pv / sv + cost columns. */
export async function pricingSql(): Promise<{ joins: string; cost: string; suggestedCost: string }> {
  const app = await import('./app-lib')
  const suggestedJoin = app.versionInForceJoin.replace('v.model_id = e.model_id', 'v.model_id = e.suggested_model_id').replace(/\) pv ON true/, ') sv ON true')
  if (suggestedJoin === app.versionInForceJoin || !suggestedJoin.includes('sv ON true')) throw new Error('fill: versionInForceJoin changed shape; update pricingSql')
  return { joins: `${app.versionInForceJoin}\n${suggestedJoin}`, cost: app.costInForceSql, suggestedCost: app.costInForceSql.replace(/\bpv\./g, 'sv.') }
}

/** The SQL twin must price the templates exactly as prepareEvents did: otherwise the fill is not what ingest stores. */
export async function checkTemplatePricing(pool: pg.Pool): Promise<void> {
  const p = await pricingSql()
  const { rows } = await pool.query<{ n: number; example: string | null }>(
    `SELECT count(*)::int AS n, min(e.model_raw || ': js ' || coalesce(e.js_cost::text, 'null') || ' sql ' || coalesce((${p.cost})::text, 'null')) AS example
       FROM bench_fill_templates e ${p.joins}
      WHERE (${p.cost}) IS DISTINCT FROM e.js_cost OR pv.id IS DISTINCT FROM e.js_pv`,
  )
  if ((rows[0]?.n ?? 0) > 0) throw new Error(`fill: SQL pricing differs from prepareEvents for ${rows[0]?.n} templates (${rows[0]?.example})`)
}
