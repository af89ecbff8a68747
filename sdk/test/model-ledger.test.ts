import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ModelLedger, type LedgerOptions } from '../src/index'
import { SDK_VERSION } from '../src/version'
import { startLedgerStandIn, type StandIn } from './ledger-stand-in'

const open: StandIn[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()))
})

async function setup(opts: Partial<LedgerOptions> = {}) {
  const standIn = await startLedgerStandIn()
  open.push(standIn)
  const warnings: string[] = []
  const ledger = new ModelLedger({ apiKey: 'ml_test', baseUrl: standIn.url, retry: { baseDelayMs: 10, maxDelayMs: 50 }, onWarning: (m) => warnings.push(m), ...opts })
  return { standIn, ledger, warnings }
}

const event = (i: number) => ({ id: `e-${i}`, model: 'gpt-4o', inputTokens: 10, outputTokens: 5 })

describe('ModelLedger batching', () => {
  it('sends full batches of 500 by itself and the rest on flush()', async () => {
    const { standIn, ledger } = await setup({ flushIntervalMs: 60_000 })
    for (let i = 0; i < 1200; i++) ledger.record(event(i))
    await vi.waitFor(() => expect(standIn.requests.map((r) => r.size)).toEqual([500, 500]))
    expect(await ledger.flush()).toBe(true)
    expect(standIn.requests.map((r) => r.size)).toEqual([500, 500, 200])
    expect(standIn.stored.size).toBe(1200)
    expect(ledger.stats()).toMatchObject({ recorded: 1200, accepted: 1200, duplicates: 0, pending: 0 })
    expect(standIn.requests[0]!.userAgent).toBe(`modelledger-sdk/${SDK_VERSION}`)
  })

  it('sends a partial batch when the interval passes, without flush()', async () => {
    const { standIn, ledger } = await setup({ flushIntervalMs: 20 })
    for (let i = 0; i < 3; i++) ledger.record(event(i))
    await vi.waitFor(() => expect(standIn.stored.size).toBe(3))
    expect(standIn.requests.map((r) => r.size)).toEqual([3])
  })

  it('maps the recorded event to the usage API’s fields', async () => {
    const { standIn, ledger } = await setup()
    ledger.record({ model: 'claude-3-5-sonnet', provider: 'anthropic', usage: { input_tokens: 1, output_tokens: 2 }, latencyMs: 12.6, task: 'summarize', dataClass: 'internal', tags: { feature: 'digest', shard: 3 }, timestamp: new Date('2026-12-07T07:00:00Z') })
    await ledger.flush()
    const [sent] = [...standIn.stored.values()]
    expect(sent).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      timestamp: '2026-12-07T07:00:00.000Z',
      model: 'claude-3-5-sonnet',
      provider: 'anthropic',
      usage: { input_tokens: 1, output_tokens: 2 },
      latency_ms: 13,
      task: 'summarize',
      data_class: 'internal',
      tags: { feature: 'digest', shard: '3' },
    })
  })
})

describe('ModelLedger through failures', () => {
  it('waits as long as Retry-After says after a 429, then delivers', async () => {
    const { standIn, ledger, warnings } = await setup()
    standIn.script.push({ status: 429, retryAfter: '1' })
    ledger.record(event(1))
    expect(await ledger.flush()).toBe(true)
    expect(standIn.requests).toHaveLength(2)
    // a lower bound only: a timer never fires early, however busy the machine
    expect(standIn.requests[1]!.at - standIn.requests[0]!.at).toBeGreaterThanOrEqual(990)
    expect(ledger.stats()).toMatchObject({ accepted: 1, retries: 1 })
    expect(warnings.join('\n')).toMatch(/ledger unavailable \(HTTP 429: scripted 429\)/)
    expect(warnings.join('\n')).toMatch(/reachable again/)
  })

  it('resends a batch whose answer was lost with the same ids, so it is counted once', async () => {
    const { standIn, ledger } = await setup()
    standIn.script.push('store-then-hang-up', { status: 503 }, { status: 502 })
    for (let i = 0; i < 10; i++) ledger.record(event(i))
    expect(await ledger.flush()).toBe(true)
    expect(standIn.requests.map((r) => r.size)).toEqual([10, 10, 10, 10])
    expect(standIn.stored.size).toBe(10)
    expect(ledger.stats()).toMatchObject({ accepted: 0, duplicates: 10, retries: 3, pending: 0 })
  })

  it('keeps what it holds while the ledger is unreachable, up to its cap, dropping the oldest with a count', async () => {
    const { standIn, ledger, warnings } = await setup({ flushAt: 100, maxBufferedEvents: 300, flushIntervalMs: 10 })
    await standIn.close() // nothing listens on the port now
    for (let i = 0; i < 1000; i++) ledger.record(event(i))
    const stats = ledger.stats()
    expect(stats.pending).toBe(300)
    expect(stats.dropped).toBe(700)
    expect(warnings.some((w) => /dropped \d+ event\(s\), buffer full \(300 events\); \d+ dropped in all/.test(w))).toBe(true)
    const end = await ledger.shutdown({ timeoutMs: 200 })
    expect(end.pending).toBe(300)
    expect(warnings.some((w) => /shut down with 300 event\(s\) not delivered/.test(w))).toBe(true)
  })

  it('does not retry a refusal (a bad key), and counts it', async () => {
    const { standIn, ledger, warnings } = await setup()
    standIn.script.push({ status: 401 })
    ledger.record(event(1))
    expect(await ledger.flush()).toBe(true)
    expect(standIn.requests).toHaveLength(1)
    expect(ledger.stats()).toMatchObject({ failed: 1, accepted: 0 })
    expect(warnings.join('\n')).toMatch(/refused and not retried: HTTP 401/)
  })

  it('splits a batch the ledger finds too large', async () => {
    const { standIn, ledger } = await setup()
    standIn.script.push({ status: 413 })
    for (let i = 0; i < 10; i++) ledger.record(event(i))
    await ledger.flush()
    expect(standIn.requests.map((r) => r.size)).toEqual([10, 5, 5])
    expect(standIn.stored.size).toBe(10)
  })

  it('counts events the ledger rejects and says why', async () => {
    const { ledger, warnings } = await setup()
    ledger.record({ id: 'bad', model: 'rejected-model', inputTokens: 1 })
    ledger.record(event(2))
    await ledger.flush()
    expect(ledger.stats()).toMatchObject({ accepted: 1, rejected: 1 })
    expect(warnings.join('\n')).toMatch(/rejected event bad: model: unknown/)
  })
})

describe('ModelLedger never throws into the caller', () => {
  it('turns bad input, a throwing logger and use after shutdown into counts', async () => {
    const { standIn, ledger } = await setup({
      onWarning: () => {
        throw new Error('logger down')
      },
    })
    expect(() => ledger.record(null as never)).not.toThrow()
    expect(() => ledger.record({ model: '' })).not.toThrow()
    expect(() => ledger.record({ model: 'gpt-4o', timestamp: 'yesterday' })).not.toThrow()
    await ledger.shutdown()
    expect(() => ledger.record(event(1))).not.toThrow()
    expect(ledger.stats()).toMatchObject({ invalid: 3, dropped: 1, recorded: 0 })
    expect(standIn.requests).toHaveLength(0)
  })

  it('runs as a counted no-op when it is not configured', () => {
    const warnings: string[] = []
    const ledger = new ModelLedger({ apiKey: '', baseUrl: 'ledger.local', onWarning: (m) => warnings.push(m) })
    ledger.record(event(1))
    expect(ledger.stats()).toMatchObject({ dropped: 1, recorded: 0 })
    expect(warnings[0]).toMatch(/apiKey and an http\(s\) baseUrl are required/)
  })

  it('answers null route advice when the ledger cannot be reached', async () => {
    const { standIn, ledger } = await setup()
    await standIn.close()
    expect(await ledger.route({ task: 'chat', dataClass: 'internal' })).toBeNull()
  })
})

it('reports the version package.json declares', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
  expect(SDK_VERSION).toBe(pkg.version)
})
