// A small seeded PRNG (mulberry32) so the demo data is identical on every run and every machine.
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  /** Integer in [min, max] on a log scale: token counts are skewed towards the small end. */
  logInt(min: number, max: number): number
  chance(p: number): boolean
  /** Picks a key of `weights` in proportion to its weight. */
  weighted<K extends string>(weights: Partial<Record<K, number>>): K
}

export function hashSeed(text: string): number {
  // FNV-1a: stable across runtimes, unlike anything built on object identity.
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    logInt: (min, max) => Math.round(Math.exp(Math.log(min) + next() * (Math.log(max) - Math.log(min)))),
    chance: (p) => next() < p,
    weighted<K extends string>(weights: Partial<Record<K, number>>): K {
      const entries = Object.entries(weights) as Array<[K, number]>
      const total = entries.reduce((s, [, w]) => s + w, 0)
      let roll = next() * total
      for (const [key, w] of entries) {
        roll -= w
        if (roll < 0) return key
      }
      const last = entries[entries.length - 1]
      if (!last) throw new Error('weighted() needs at least one entry')
      return last[0]
    },
  }
}
