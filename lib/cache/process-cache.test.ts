import { describe, expect, it } from 'vitest'
import { processCache } from './process-cache'

describe('processCache', () => {
  it('loads once within the TTL, again after an invalidation', async () => {
    let loads = 0
    const cache = processCache<number>(`t-${Math.random()}`, 60_000)
    const load = async () => ++loads
    expect(await cache.get(load)).toBe(1)
    expect(await cache.get(load)).toBe(1)
    cache.invalidate()
    expect(await cache.get(load)).toBe(2)
  })

  it('shares one load between concurrent callers', async () => {
    let loads = 0
    const cache = processCache<number>(`t-${Math.random()}`, 60_000)
    const load = async () => ++loads
    expect(await Promise.all([cache.get(load), cache.get(load)])).toEqual([1, 1])
  })

  it('does not keep a load that was in flight when the cache was invalidated', async () => {
    let loads = 0
    let release!: () => void
    const cache = processCache<number>(`t-${Math.random()}`, 60_000)
    const slow = () => new Promise<number>((resolve) => (release = () => resolve(++loads)))
    const first = cache.get(slow)
    cache.invalidate()
    release()
    expect(await first).toBe(1)
    expect(await cache.get(async () => ++loads)).toBe(2)
  })

  it('is one cache per name across module copies (globalThis)', async () => {
    const name = `t-${Math.random()}`
    await processCache<string>(name, 60_000).get(async () => 'a')
    expect(await processCache<string>(name, 60_000).get(async () => 'b')).toBe('a')
  })
})
