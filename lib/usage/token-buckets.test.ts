import { describe, expect, it } from 'vitest'
import { emptyBuckets, totalTokens } from './token-buckets'

describe('token buckets', () => {
  it('starts empty and sums every bucket once', () => {
    expect(totalTokens(emptyBuckets())).toBe(0)
    expect(totalTokens({ input: 1, cacheRead: 20, cacheWrite: 300, output: 4000, reasoning: 50000 })).toBe(54321)
  })

  it('returns a fresh object each time', () => {
    const a = emptyBuckets()
    a.input = 5
    expect(emptyBuckets().input).toBe(0)
  })
})
