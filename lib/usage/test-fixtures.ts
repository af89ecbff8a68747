import type { TokenBuckets } from './token-buckets'

// Test-only factory (not imported by production code): buckets in the order of the stored columns.
export function tokenBuckets(input: number, cacheRead: number, cacheWrite: number, output: number, reasoning: number): TokenBuckets {
  return { input, cacheRead, cacheWrite, output, reasoning }
}
