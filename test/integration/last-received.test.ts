import { afterAll, beforeAll, expect, it } from 'vitest'
import { pool, prisma } from '@/lib/db'
import { loadLastReceived } from '@/lib/connect/load-last-received'
import { seedCatalog } from '@/lib/demo/seed-catalog'
import { ingestEvents } from '@/lib/ingest/ingest-usage-batch'
import { invalidatePricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { closeProducerQueues } from '@/lib/queues'
import { createTestTeam, minutesAgo } from './fixtures'

beforeAll(async () => {
  await seedCatalog(prisma)
  invalidatePricingSnapshot()
})
afterAll(async () => {
  await closeProducerQueues()
})

async function batch(teamId: number, source: string, events: number, receivedAt: Date) {
  const out = await ingestEvents(
    pool,
    teamId,
    Array.from({ length: events }, (_, i) => ({ id: `${source}-${receivedAt.getTime()}-${i}`, timestamp: minutesAgo(1), model: 'gpt-4o', input_tokens: 1 })),
    { source, enqueue: false },
  )
  await pool.query('UPDATE ingest_batches SET received_at = $2 WHERE id = $1', [out.batchId, receivedAt])
}

it("shows a team its own newest batch per source, never another team's; all teams for a null team", async () => {
  const { team: a } = await createTestTeam()
  const { team: b } = await createTestTeam()
  // Far in the future, so no other test's batches are newer for the all-teams reading.
  const t = (m: number) => new Date(Date.UTC(2099, 0, 1, 0, m))
  await batch(a.id, 'sdk', 2, t(1))
  await batch(a.id, 'sdk', 3, t(5))
  await batch(a.id, 'otlp', 1, t(2))
  await batch(b.id, 'sdk', 7, t(9)) // newer than any of team a's

  const own = await loadLastReceived(pool, a.id)
  expect(own).toEqual([
    { source: 'sdk', receivedAt: t(5), eventCount: 3, teamSlug: a.slug },
    { source: 'otlp', receivedAt: t(2), eventCount: 1, teamSlug: a.slug },
    { source: 'litellm', receivedAt: null, eventCount: null, teamSlug: null },
    { source: 'api', receivedAt: null, eventCount: null, teamSlug: null },
  ])
  try {
    const all = await loadLastReceived(pool, null)
    expect(all[0]).toEqual({ source: 'sdk', receivedAt: t(9), eventCount: 7, teamSlug: b.slug })
  } finally {
    // Back into the past: later suites (the Connect e2e) read "newest of all teams" from this database.
    await pool.query("UPDATE ingest_batches SET received_at = '2000-01-01' WHERE team_id = ANY($1::int[])", [[a.id, b.id]])
  }
})
