import { Prisma, type PrismaClient } from '@prisma/client'
import bcrypt from 'bcryptjs'
import type pg from 'pg'
import { DEMO_LOGINS } from './demo-logins'
import { DEMO_TEAMS } from './demo-teams'
import { DEMO_USAGE_PROFILES } from './demo-usage-profiles'
import { demoUsageEvent, generateDemoEvents } from './generate-demo-events'
import { ingestEvents } from '@/lib/ingest/ingest-usage-batch'
import { adviseForTeam } from '@/lib/policy/advise-for-team'

export interface SeedDemoOptions {
  /** End of the usage window; defaults to the current time. */
  now?: Date
  days?: number
}

export interface SeedDemoResult {
  teams: { created: number; existing: number }
  users: { created: number; existing: number }
  policies: { created: number; existing: number }
  events: { generated: number; inserted: number; batches: number }
}

export const DEMO_DAYS = 60
const DEMO_BATCH_SIZE = 1000

const BCRYPT_COST = 10

// Idempotent: teams by slug, users by email, policy version 1 by (team, version), events by
// (team, event id). Existing rows are left as they are, so a re-run never resets what someone edited
// (a changed password, a newer policy version).
export async function seedDemo(prisma: PrismaClient, pool: pg.Pool, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const now = options.now ?? new Date()
  const days = options.days ?? DEMO_DAYS
  const result: SeedDemoResult = {
    teams: { created: 0, existing: 0 },
    users: { created: 0, existing: 0 },
    policies: { created: 0, existing: 0 },
    events: { generated: 0, inserted: 0, batches: 0 },
  }

  const teamIdBySlug = new Map<string, number>()
  for (const t of DEMO_TEAMS) {
    const existing = await prisma.team.findUnique({ where: { slug: t.slug }, select: { id: true } })
    const team = existing ?? (await prisma.team.upsert({ where: { slug: t.slug }, update: {}, create: { slug: t.slug, name: t.name } }))
    result.teams[existing ? 'existing' : 'created']++
    teamIdBySlug.set(t.slug, team.id)

    const policy = await prisma.teamPolicy.findUnique({ where: { teamId_version: { teamId: team.id, version: 1 } }, select: { id: true } })
    if (policy) {
      result.policies.existing++
      continue
    }
    const p = t.policy
    await prisma.teamPolicy.create({
      data: {
        teamId: team.id,
        version: 1,
        allowedModels: p.allowedModels,
        blockedModels: p.blockedModels,
        localDataClasses: p.localDataClasses,
        defaultModels: p.defaultModels,
        maxPricePer1k: p.maxPricePer1k === null ? null : new Prisma.Decimal(p.maxPricePer1k),
        monthlyBudget: new Prisma.Decimal(p.monthlyBudget),
        alertThresholds: p.alertThresholds,
        critical: p.critical,
      },
    })
    result.policies.created++
  }

  // The team leads share one password: hash each distinct password once (bcryptjs at cost 10 is ~0.3 s).
  const hashes = new Map<string, Promise<string>>()
  const hashOf = (password: string): Promise<string> => {
    const known = hashes.get(password)
    if (known) return known
    const hash = bcrypt.hash(password, BCRYPT_COST)
    hashes.set(password, hash)
    return hash
  }
  for (const login of DEMO_LOGINS) {
    const existing = await prisma.user.findUnique({ where: { email: login.email }, select: { id: true } })
    if (existing) {
      result.users.existing++
      continue
    }
    const teamId = login.teamSlug === null ? null : (teamIdBySlug.get(login.teamSlug) ?? null)
    await prisma.user.create({
      data: {
        email: login.email,
        name: login.name,
        role: login.role,
        teamId,
        passwordHash: await hashOf(login.password),
      },
    })
    result.users.created++
  }

  for (const profile of DEMO_USAGE_PROFILES) {
    const teamId = teamIdBySlug.get(profile.teamSlug)
    if (teamId === undefined) throw new Error(`usage profile for unknown demo team ${profile.teamSlug}`)
    const events = generateDemoEvents(profile, { now, days })
    result.events.generated += events.length

    const present = await pool.query<{ event_id: string }>(
      'SELECT event_id FROM usage_events WHERE team_id = $1 AND starts_with(event_id, $2)',
      [teamId, `demo-${profile.teamSlug}-`],
    )
    const seen = new Set(present.rows.map((r) => r.event_id))
    const missing = events.filter((e) => !seen.has(e.eventId))
    if (missing.length === 0) continue

    // Through the real write path: matched, priced at each event's time and advised by the team's policy.
    const advise = await adviseForTeam(pool, teamId)
    for (let start = 0; start < missing.length; start += DEMO_BATCH_SIZE) {
      const chunk = missing.slice(start, start + DEMO_BATCH_SIZE).map(demoUsageEvent)
      const out = await ingestEvents(pool, teamId, chunk, { source: 'seed', now, maxAgeMs: (days + 1) * 86_400_000, advise, enqueue: false })
      if (out.rejected > 0) throw new Error(`demo events rejected: ${out.results.find((r) => r.status === 'rejected')?.error}`)
      result.events.inserted += out.accepted
      result.events.batches += 1
    }
  }
  return result
}
