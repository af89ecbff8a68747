import { describe, expect, it } from 'vitest'
import { usageSourceOf } from './ingest-source'

describe('usageSourceOf', () => {
  it.each([
    ['modelledger-sdk/0.1.0', 'sdk'],
    ['ModelLedger-SDK/1.2.3 (node 20)', 'sdk'],
    ['curl/8.5.0', 'api'],
    ['python-requests/2.32 modelledger-sdk/0.1.0', 'api'],
    [null, 'api'],
  ])('%s → %s', (ua, source) => {
    expect(usageSourceOf(ua)).toBe(source)
  })
})
