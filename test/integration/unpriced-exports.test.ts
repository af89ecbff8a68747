import { describe, expect, it, vi, beforeAll } from 'vitest'

vi.hoisted(() => {
  process.env.AUTH_SECRET ??= 'access-tests-only-secret-0123456789'
})
vi.mock('next/headers', () => import('@/test/access/next-request-scope'))
vi.mock('next/cache', () => import('@/test/access/next-request-scope'))

import { pool, prisma } from '@/lib/db'
import { ingestEvents } from '@/lib/ingest/ingest-usage-batch'
import { invalidatePricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { addPriceVersion } from '@/lib/pricing/add-price-version'
import { parseCsv } from '@/test/parse-csv'
import { callRoute } from '@/test/access/call-route'
import { sessionCookie } from '@/test/access/world'
import { applyTeamRollups, createTestModel, randomSlug } from './fixtures'

// Unpriced usage is "unknown", never "free": the statement and spend CSVs leave its cost empty, while
// FOCUS (whose BilledCost may not be null) keeps 0 and marks the row x_PricingStatus=unpriced.

const now = new Date()
const month = now.toISOString().slice(0, 7)
const at = new Date(Math.max(now.getTime() - 60_000, Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))).toISOString()
let team: { id: number; slug: string }
let priced: string
let unpriced: string
let headers: Record<string, string>

async function makeModel(withPrice: boolean): Promise<string> {
  const model = await createTestModel('unpriced-exports')
  if (withPrice) await addPriceVersion(prisma, { modelId: model.id, effectiveFrom: new Date('2020-01-01T00:00:00Z'), input: '1', output: '2', source: 'manual', actor: { name: 'test' } })
  return model.slug
}

beforeAll(async () => {
  priced = await makeModel(true)
  unpriced = await makeModel(false)
  invalidatePricingSnapshot()
  const t = await prisma.team.create({ data: { slug: randomSlug(), name: 'Unpriced exports' } })
  team = { id: t.id, slug: t.slug }
  const events = [priced, unpriced, unpriced].map((model, i) => ({ id: `unpriced-exports-${t.slug}-${i}`, timestamp: at, model, input_tokens: 1000, output_tokens: 100 }))
  const out = await ingestEvents(pool, t.id, events, { source: 'test', now, enqueue: false })
  expect(out.rejected).toBe(0)
  await applyTeamRollups(t.id)
  const admin = await prisma.user.create({ data: { email: `${randomSlug('admin')}@example.test`, name: 'Admin', role: 'admin' } })
  headers = { host: 'localhost', 'x-forwarded-proto': 'http', 'x-forwarded-host': 'localhost', cookie: await sessionCookie(admin.id) }
})

async function csvRows(file: string, url: string): Promise<Record<string, string>[]> {
  const res = await callRoute(file, 'GET', url, { headers })
  expect(res.status).toBe(200)
  return parseCsv(await res.text())
}

describe('exports of unpriced usage', () => {
  it('statement CSV: the unpriced model line has an empty cost_usd, the priced one its cost', async () => {
    const rows = (await csvRows('app/(app)/reports/export/route.ts', `/reports/export?month=${month}`)).filter((r) => r.team_slug === team.slug)
    const byModel = Object.fromEntries(rows.map((r) => [r.model, r]))
    expect(byModel[unpriced]).toMatchObject({ calls: '2', unpriced_calls: '2', cost_usd: '' })
    expect(byModel[priced]).toMatchObject({ calls: '1', unpriced_calls: '0', cost_usd: '0.0012' })
  })

  it('spend CSV: daily and models rows of unpriced usage have an empty cost_usd', async () => {
    const day = at.slice(0, 10)
    for (const table of ['daily', 'models']) {
      const rows = await csvRows('app/(app)/spend/export/route.ts', `/spend/export?table=${table}&team=${team.slug}&from=${day}&to=${day}`)
      const byModel = Object.fromEntries(rows.map((r) => [r.model, r]))
      expect(byModel[unpriced], table).toMatchObject({ calls: '2', unpriced_calls: '2', cost_usd: '' })
      expect(byModel[priced], table).toMatchObject({ calls: '1', cost_usd: '0.0012' })
    }
  })

  it('FOCUS CSV keeps BilledCost 0 and says x_PricingStatus=unpriced', async () => {
    const rows = (await csvRows('app/api/v1/exports/focus/route.ts', `/api/v1/exports/focus?month=${month}&team=${team.slug}`)).filter((r) => r.x_PricingStatus === 'unpriced')
    expect(rows.length).toBeGreaterThan(0)
    for (const r of rows) expect([r.ResourceId, r.BilledCost]).toEqual([expect.stringContaining(unpriced), '0'])
  })
})
