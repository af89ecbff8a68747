import { afterAll, describe, expect, it } from 'vitest'
import { pool, prisma } from '@/lib/db'
import { ingestEvents } from '@/lib/ingest/ingest-usage-batch'
import { closeProducerQueues } from '@/lib/queues'
import { addPriceVersion, infrastructurePrice } from '@/lib/pricing/add-price-version'
import { calculateCost } from '@/lib/pricing/calculate-cost'
import { Decimal } from '@/lib/pricing/decimal'
import { priceUnpricedEvents } from '@/lib/pricing/reprice/price-unpriced-events'
import { applyBatchRollup } from '@/lib/rollups/apply-batch-rollup'
import { findRollupDifferences } from '@/lib/rollups/reconcile-rollups'
import { createTestModel, createTestTeam, expectAppError, randomSlug } from './fixtures'

const actor = { name: 'test' }
const day = (d: string) => new Date(`${d}T00:00:00Z`)

async function ingestApplied(teamId: number, now: Date, events: { id: string; ts: string; model: string; input: number; output: number; reasoning?: number }[]) {
  const out = await ingestEvents(
    pool,
    teamId,
    events.map((e) => ({ id: e.id, timestamp: e.ts, model: e.model, input_tokens: e.input, output_tokens: e.output, reasoning_tokens: e.reasoning ?? 0 })),
    { source: 'test', now },
  )
  expect(out.accepted).toBe(events.length)
  await applyBatchRollup(pool, out.batchId!)
  return out
}

afterAll(async () => {
  await closeProducerQueues()
})

describe('price versions have history', () => {
  it('a new version closes the one in force; a backdated one ends where the next begins; events are priced at their own time', async () => {
    const model = await createTestModel('pm')
    const v1 = await addPriceVersion(prisma, { modelId: model.id, effectiveFrom: day('2025-01-01'), input: '1', output: '2', source: 'manual', actor })
    const v3 = await addPriceVersion(prisma, { modelId: model.id, effectiveFrom: day('2025-01-20'), input: '5', output: '6', source: 'manual', actor })
    expect(v3.closed.map((c) => c.id)).toEqual([v1.version.id])
    // Backdated between the two: v1 now ends at 01-10, the new one ends where v3 starts.
    const v2 = await addPriceVersion(prisma, { modelId: model.id, effectiveFrom: day('2025-01-10'), input: '3', output: '4', cacheRead: '0.3', source: 'manual', note: 'backdated', actor })
    expect(v2.version.effectiveTo).toEqual(day('2025-01-20'))

    const versions = await prisma.priceVersion.findMany({ where: { modelId: model.id }, orderBy: { effectiveFrom: 'asc' } })
    expect(versions.map((v) => [v.effectiveFrom.toISOString().slice(0, 10), v.effectiveTo?.toISOString().slice(0, 10) ?? null, v.input.toFixed()])).toEqual([
      ['2025-01-01', '2025-01-10', '1'],
      ['2025-01-10', '2025-01-20', '3'],
      ['2025-01-20', null, '5'],
    ])

    await expectAppError(
      addPriceVersion(prisma, { modelId: model.id, effectiveFrom: day('2025-01-10'), input: '9', output: '9', source: 'manual', actor }),
      'conflict',
      /already has a price version effective from 2025-01-10/,
    )
    expect(await prisma.priceVersion.count({ where: { modelId: model.id } })).toBe(3)

    const audit = await prisma.auditLog.findMany({ where: { action: 'price.add', entityId: { in: versions.map((v) => String(v.id)) } } })
    expect(audit).toHaveLength(3)
    const backdated = audit.find((a) => a.entityId === String(v2.version.id))
    expect(backdated?.before).toEqual({ closed: [{ id: v1.version.id, effectiveFrom: '2025-01-01T00:00:00.000Z', effectiveTo: '2025-01-20T00:00:00.000Z' }] })

    const { team } = await createTestTeam()
    await ingestApplied(team.id, day('2025-01-25'), [
      { id: 'a', ts: '2025-01-05T12:00:00Z', model: model.slug, input: 1000, output: 100 },
      { id: 'b', ts: '2025-01-10T00:00:00Z', model: model.slug, input: 1000, output: 100 },
      { id: 'c', ts: '2025-01-19T23:59:59.999Z', model: model.slug, input: 1000, output: 100, reasoning: 7 },
      { id: 'd', ts: '2025-01-24T08:00:00Z', model: model.slug, input: 1000, output: 100 },
    ])
    const events = await prisma.usageEvent.findMany({ where: { teamId: team.id }, orderBy: { eventId: 'asc' } })
    expect(events.map((e) => [e.eventId, e.priceVersionId, e.status])).toEqual([
      ['a', v1.version.id, 'priced'],
      ['b', v2.version.id, 'priced'],
      ['c', v2.version.id, 'priced'],
      ['d', v3.version.id, 'priced'],
    ])
    // 1000 × 3 + (100 + 7) × 4 = 3428 per 1M tokens
    expect(events[2]?.cost?.toFixed()).toBe('0.003428')
    expect(events[0]?.cost?.toFixed()).toBe('0.0012')
  })

  it('refuses prices that are negative, too precise for the column, or floats', async () => {
    const model = await createTestModel('pm')
    const base = { modelId: model.id, effectiveFrom: day('2025-01-01'), source: 'manual' as const, actor }
    await expectAppError(addPriceVersion(prisma, { ...base, input: '-1', output: '1' }), 'invalid', /non-negative/)
    await expectAppError(addPriceVersion(prisma, { ...base, input: '0.0000000001', output: '1' }), 'invalid', /more than 9 decimals/)
    await expectAppError(addPriceVersion(prisma, { ...base, input: 0.1, output: '1' }), 'invalid', /decimal string/)
    await expectAppError(addPriceVersion(prisma, { ...base, modelId: 2_000_000_000, input: '1', output: '1' }), 'not_found', /unknown model/)
    expect(await prisma.priceVersion.count({ where: { modelId: model.id } })).toBe(0)
  })

  it('an explicit 0 is a real price (cost 0, priced), not unpriced', async () => {
    const model = await createTestModel('pm')
    await addPriceVersion(prisma, { modelId: model.id, effectiveFrom: day('2025-01-01'), input: '0', output: '0', source: 'manual', actor })
    const { team } = await createTestTeam()
    await ingestApplied(team.id, day('2025-01-25'), [{ id: 'z', ts: '2025-01-20T00:00:00Z', model: model.slug, input: 500, output: 50 }])
    const e = await prisma.usageEvent.findFirstOrThrow({ where: { teamId: team.id } })
    expect([e.status, e.cost?.toFixed()]).toEqual(['priced', '0'])
  })
})

describe('infrastructure prices for local models', () => {
  it.each([
    ['2', '50', '11.111111111'], // 2 USD/h ÷ 180,000 tokens/h × 1M
    ['3.6', '1', '1000'],
    ['1.2', '2400', '0.138888889'], // 0.13888… rounds half-even at 9 decimals
    ['0', '100', '0'],
  ])('GPU %s USD/h at %s tokens/s = %s USD per 1M tokens', (gpuHourUsd, tokensPerSecond, expected) => {
    expect(infrastructurePrice({ gpuHourUsd, tokensPerSecond }).toFixed()).toBe(expected)
  })

  it('rejects zero throughput and is stored as a derived infrastructure version', async () => {
    expect(() => infrastructurePrice({ gpuHourUsd: '2', tokensPerSecond: '0' })).toThrow(/tokens per second/)
    const model = await createTestModel('pm')
    const rate = infrastructurePrice({ gpuHourUsd: '2', tokensPerSecond: '50' })
    const { version } = await addPriceVersion(prisma, {
      modelId: model.id,
      effectiveFrom: day('2025-01-01'),
      input: rate,
      output: rate,
      source: 'infrastructure',
      derived: true,
      note: 'GPU 2 USD/h at 50 tokens/s',
      actor,
    })
    expect([version.source, version.derived, version.input.toFixed(), version.output.toFixed()]).toEqual(['infrastructure', true, '11.111111111', '11.111111111'])
  })
})

describe('unpriced events get priced when a price (or an alias) arrives', () => {
  it('prices covered events exactly, re-matches unknown model strings, and keeps rollups equal to raw events', async () => {
    const model = await createTestModel('pm')
    const unknown = randomSlug('unknown-model')
    const { team } = await createTestTeam()
    const now = day('2025-01-28')
    await ingestApplied(team.id, now, [
      { id: 'u1', ts: '2025-01-03T10:00:00Z', model: model.slug, input: 1234, output: 567, reasoning: 89 },
      { id: 'u2', ts: '2025-01-15T10:00:00Z', model: model.slug, input: 1, output: 1 },
      { id: 'u3', ts: '2025-01-16T10:00:00Z', model: unknown, input: 100, output: 10 },
      // Before the price starts: stays unpriced.
      { id: 'u4', ts: '2024-12-31T23:00:00Z', model: model.slug, input: 100, output: 10 },
    ])
    const before = await prisma.usageEvent.findMany({ where: { teamId: team.id } })
    expect(before.every((e) => e.status === 'unpriced' && e.cost === null)).toBe(true)
    expect(before.find((e) => e.eventId === 'u3')?.modelId).toBeNull()
    const rollupUnpriced = await pool.query(`SELECT sum(unpriced_calls)::int AS n FROM rollups_daily WHERE team_id = $1`, [team.id])
    expect(rollupUnpriced.rows[0].n).toBe(4)

    const { version } = await addPriceVersion(prisma, {
      modelId: model.id,
      effectiveFrom: day('2025-01-01'),
      input: '2.5',
      output: '10',
      reasoning: '12.345678901',
      source: 'manual',
      actor,
    })
    await prisma.modelAlias.create({ data: { alias: unknown, modelId: model.id } })
    const result = await priceUnpricedEvents(pool)
    expect(result.priced).toBeGreaterThanOrEqual(3)
    expect(result.matched).toBeGreaterThanOrEqual(1)

    const after = await prisma.usageEvent.findMany({ where: { teamId: team.id }, orderBy: { eventId: 'asc' } })
    const rates = { id: version.id, modelId: model.id, effectiveFrom: version.effectiveFrom, effectiveTo: null, input: new Decimal('2.5'), output: new Decimal('10'), cacheRead: null, cacheWrite: null, reasoning: new Decimal('12.345678901') }
    const expected = (input: number, output: number, reasoning: number) => calculateCost({ input, cacheRead: 0, cacheWrite: 0, output, reasoning }, rates).toFixed()
    expect(after.map((e) => [e.eventId, e.status, e.cost?.toFixed() ?? null, e.priceVersionId, e.modelId])).toEqual([
      ['u1', 'priced', expected(1234, 567, 89), version.id, model.id],
      ['u2', 'priced', expected(1, 1, 0), version.id, model.id],
      ['u3', 'priced', expected(100, 10, 0), version.id, model.id],
      ['u4', 'unpriced', null, null, model.id],
    ])
    expect(after[0]?.cost?.toFixed()).toBe('0.009853765422189') // 1234×2.5 + 567×10 + 89×12.345678901, ÷ 1M

    const window = { from: day('2024-12-01'), to: day('2025-02-01'), teamIds: [team.id] }
    expect(await findRollupDifferences(pool, window)).toEqual([])
    const { rows } = await pool.query(`SELECT model_key, sum(unpriced_calls)::int AS unpriced, sum(calls)::int AS calls FROM rollups_daily WHERE team_id = $1 GROUP BY 1`, [team.id])
    expect(rows).toEqual([{ model_key: model.slug, unpriced: 1, calls: 4 }])

    // Idempotent: nothing left to do for this team.
    await priceUnpricedEvents(pool)
    expect(await findRollupDifferences(pool, window)).toEqual([])
  })
})
