import { describe, expect, it } from 'vitest'
import { describePriceSource, type InForceVersion } from './describe-price-source'

const v = (source: InForceVersion['source'], effectiveFrom: string, createdOn = '2026-12-01T10:00:00Z'): InForceVersion => ({ source, effectiveFrom, createdOn })

describe('describePriceSource', () => {
  it.each([
    [[], 'none', 'no prices yet'],
    [[v('document', '2025-01-04T00:00:00Z'), v('document', '2025-01-04T00:00:00Z')], 'document', "the source document's table, 2025-01-04"],
    [[v('litellm', '2026-10-09T00:00:00Z', '2026-12-07T08:00:00Z'), v('litellm', '2026-10-09T00:00:00Z', '2026-12-06T08:00:00Z')], 'list', 'list prices imported on 2026-12-07'],
    [
      [v('litellm', '2026-10-09T00:00:00Z', '2026-12-07T08:00:00Z'), v('document', '2025-01-04T00:00:00Z'), v('manual', '2026-01-01T00:00:00Z')],
      'mixed',
      "list prices imported on 2026-12-07 (1 model); the source document's table, 2025-01-04 (1 model); 1 price set by hand or from infrastructure cost",
    ],
  ] as const)('%#', (versions, kind, label) => {
    expect(describePriceSource(versions)).toEqual({ kind, label })
  })
})
