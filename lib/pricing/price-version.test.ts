import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildPriceIndex, findPriceAt, type PriceVersionRates } from './price-version'
import { rates } from './test-fixtures'

const d = (iso: string) => new Date(iso)

// Model 1: v10 Jan–Mar, v11 Mar–Jun, v12 Jun–open. Model 2: v20 only from Feb, closed in Apr.
// Model 3 has an overlap left by an edit: v30 open-ended from Jan, v31 Feb–Mar.
const versions: PriceVersionRates[] = [
  rates({ id: 12, modelId: 1, effectiveFrom: d('2024-06-01T00:00:00Z') }),
  rates({ id: 10, modelId: 1, effectiveFrom: d('2024-01-01T00:00:00Z'), effectiveTo: d('2024-03-01T00:00:00Z') }),
  rates({ id: 11, modelId: 1, effectiveFrom: d('2024-03-01T00:00:00Z'), effectiveTo: d('2024-06-01T00:00:00Z') }),
  rates({ id: 20, modelId: 2, effectiveFrom: d('2024-02-01T00:00:00Z'), effectiveTo: d('2024-04-01T00:00:00Z') }),
  rates({ id: 30, modelId: 3, effectiveFrom: d('2024-01-01T00:00:00Z') }),
  rates({ id: 31, modelId: 3, effectiveFrom: d('2024-02-01T00:00:00Z'), effectiveTo: d('2024-03-01T00:00:00Z') }),
]

const cases: [name: string, modelId: number, at: string, id: number | null][] = [
  ['before the first version', 1, '2023-12-31T23:59:59.999Z', null],
  ['exactly at effectiveFrom', 1, '2024-01-01T00:00:00.000Z', 10],
  ['last millisecond before effectiveTo', 1, '2024-02-29T23:59:59.999Z', 10],
  ['exactly at effectiveTo: the next version', 1, '2024-03-01T00:00:00.000Z', 11],
  ['inside the middle version', 1, '2024-04-15T12:00:00Z', 11],
  ['boundary into the open-ended version', 1, '2024-06-01T00:00:00.000Z', 12],
  ['far future uses the open-ended version', 1, '2030-01-01T00:00:00Z', 12],
  ['unknown model', 99, '2024-04-01T00:00:00Z', null],
  ['before a model was priced', 2, '2024-01-15T00:00:00Z', null],
  ['while priced', 2, '2024-03-31T23:59:59.999Z', 20],
  ['after its only version closed', 2, '2024-04-01T00:00:00Z', null],
  ['overlap: the later effectiveFrom wins', 3, '2024-02-15T00:00:00Z', 31],
  ['overlap: older open-ended version again after the newer closes', 3, '2024-03-01T00:00:00Z', 30],
  ['overlap: before the newer starts', 3, '2024-01-15T00:00:00Z', 30],
]

describe('findPriceAt and buildPriceIndex', () => {
  const index = buildPriceIndex(versions)

  it.each(cases)('%s', (_name, modelId, at, id) => {
    expect(findPriceAt(versions, modelId, d(at))?.id ?? null).toBe(id)
    expect(index.priceAt(modelId, d(at))?.id ?? null).toBe(id)
  })

  it('the index agrees with findPriceAt on random version histories', () => {
    const version = fc.record({
      modelId: fc.integer({ min: 1, max: 3 }),
      from: fc.integer({ min: 0, max: 100 }),
      length: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
    })
    fc.assert(
      fc.property(fc.array(version, { maxLength: 12 }), fc.integer({ min: -5, max: 150 }), fc.integer({ min: 1, max: 3 }), (vs, t, modelId) => {
        // (model, effectiveFrom) is unique in the database, so keep it unique here.
        const seen = new Set<string>()
        const list = vs
          .filter((v) => !seen.has(`${v.modelId}:${v.from}`) && seen.add(`${v.modelId}:${v.from}`))
          .map((v, i) =>
            rates({
              id: i + 1,
              modelId: v.modelId,
              effectiveFrom: new Date(v.from * 1000),
              effectiveTo: v.length === null ? null : new Date((v.from + v.length) * 1000),
            }),
          )
        const at = new Date(t * 1000)
        expect(buildPriceIndex(list).priceAt(modelId, at)?.id ?? null).toBe(findPriceAt(list, modelId, at)?.id ?? null)
      }),
      { numRuns: 2000 },
    )
  })
})
