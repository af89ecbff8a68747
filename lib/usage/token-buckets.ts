// The canonical token split stored on every event (ARCHITECTURE.md "Token buckets").
// input = uncached input only; output = non-reasoning output only. No bucket overlaps another,
// so the total is a plain sum and each bucket can carry its own price.
export type TokenBuckets = {
  input: number
  cacheRead: number
  cacheWrite: number
  output: number
  reasoning: number
}

export function emptyBuckets(): TokenBuckets {
  return { input: 0, cacheRead: 0, cacheWrite: 0, output: 0, reasoning: 0 }
}

export function totalTokens(b: TokenBuckets): number {
  return b.input + b.cacheRead + b.cacheWrite + b.output + b.reasoning
}
