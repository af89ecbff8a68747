import type { Decimal } from './decimal'

/**
 * Rates in USD per 1M tokens. Null cache rates fall back to input, null reasoning to output.
 * Readonly: calculateCost caches a per-object integer form of the rates.
 */
export type PriceVersionRates = {
  readonly id: number
  readonly modelId: number
  readonly effectiveFrom: Date
  readonly effectiveTo: Date | null
  readonly input: Decimal
  readonly cacheRead: Decimal | null
  readonly cacheWrite: Decimal | null
  readonly output: Decimal
  readonly reasoning: Decimal | null
}

export function isInForce(v: PriceVersionRates, at: Date): boolean {
  const t = at.getTime()
  return v.effectiveFrom.getTime() <= t && (v.effectiveTo === null || t < v.effectiveTo.getTime())
}

// Versions are not supposed to overlap (adding one closes the previous), but if an edit leaves
// an overlap the most recently effective version wins, deterministically.
export function findPriceAt(versions: readonly PriceVersionRates[], modelId: number, at: Date): PriceVersionRates | null {
  let best: PriceVersionRates | null = null
  for (const v of versions) {
    if (v.modelId !== modelId || !isInForce(v, at)) continue
    if (best === null || v.effectiveFrom.getTime() > best.effectiveFrom.getTime()) best = v
  }
  return best
}

export type PriceIndex = {
  priceAt(modelId: number, at: Date): PriceVersionRates | null
}

/** findPriceAt's answer for every (model, time), by binary search over per-model sorted versions. */
export function buildPriceIndex(versions: readonly PriceVersionRates[]): PriceIndex {
  const byModel = new Map<number, PriceVersionRates[]>()
  for (const v of versions) {
    const list = byModel.get(v.modelId) ?? []
    list.push(v)
    byModel.set(v.modelId, list)
  }
  // reach[i] = the latest effectiveTo among list[0..i] (Infinity = open-ended): once it is <= t,
  // no version at or before i can cover t, which bounds the walk-back below.
  const reachByModel = new Map<number, number[]>()
  for (const [modelId, list] of byModel) {
    list.sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime())
    let reach = -Infinity
    reachByModel.set(
      modelId,
      list.map((v) => (reach = Math.max(reach, v.effectiveTo === null ? Infinity : v.effectiveTo.getTime()))),
    )
  }

  return {
    priceAt(modelId, at) {
      const list = byModel.get(modelId)
      const reach = reachByModel.get(modelId)
      if (!list || !reach) return null
      const t = at.getTime()
      // Last version with effectiveFrom <= t.
      let lo = 0
      let hi = list.length
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if ((list[mid] as PriceVersionRates).effectiveFrom.getTime() <= t) lo = mid + 1
        else hi = mid
      }
      // Walk back past versions already closed at t: with overlaps an older one may still cover it.
      for (let i = lo - 1; i >= 0 && (reach[i] as number) > t; i--) {
        const v = list[i] as PriceVersionRates
        if (v.effectiveTo === null || t < v.effectiveTo.getTime()) return v
      }
      return null
    },
  }
}
