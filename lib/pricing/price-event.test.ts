import { describe, expect, it } from 'vitest'
import { priceEvent } from './price-event'
import { buildPriceIndex } from './price-version'
import { rates } from './test-fixtures'

const tokens = { input: 1000, cacheRead: 0, cacheWrite: 0, output: 500, reasoning: 0 }
const index = buildPriceIndex([
  rates({ id: 1, modelId: 1, input: '5', output: '15', effectiveFrom: new Date('2024-05-13T00:00:00Z'), effectiveTo: new Date('2024-10-01T00:00:00Z') }),
  rates({ id: 2, modelId: 1, input: '2.5', output: '10', effectiveFrom: new Date('2024-10-01T00:00:00Z') }),
  // A local model: an explicit price of 0.
  rates({ id: 3, modelId: 2, input: '0', output: '0', effectiveFrom: new Date('2024-01-01T00:00:00Z') }),
])

describe('priceEvent', () => {
  it.each([
    // 1000·5 + 500·15 = 12500 → 0.0125
    ['old price before the change', 1, '2024-09-30T23:59:59.999Z', 'priced', '0.0125', 1],
    // 1000·2.5 + 500·10 = 7500 → 0.0075
    ['new price from the change on', 1, '2024-10-01T00:00:00.000Z', 'priced', '0.0075', 2],
    ['before any price: unpriced, not free', 1, '2024-01-01T00:00:00Z', 'unpriced', null, null],
    ['explicit zero price: priced at 0', 2, '2024-06-01T00:00:00Z', 'priced', '0', 3],
    ['model without versions', 3, '2024-06-01T00:00:00Z', 'unpriced', null, null],
    ['no matched model', null, '2024-06-01T00:00:00Z', 'unpriced', null, null],
  ] as const)('%s', (_name, modelId, at, status, cost, priceVersionId) => {
    const r = priceEvent(tokens, modelId, new Date(at), index)
    expect({ status: r.status, cost: r.cost?.toFixed() ?? null, priceVersionId: r.priceVersionId }).toEqual({
      status,
      cost,
      priceVersionId,
    })
  })
})
