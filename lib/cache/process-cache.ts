import { remember } from '@/lib/remember'

// A value loaded from the database and kept for a few seconds, once per process (remember): an
// invalidation from a server action (a price added, say) must reach the copy ingest reads. A load
// that was in flight when the cache was invalidated is used by its callers but not kept.
type Slot = { value?: unknown; loadedAt: number; inflight?: Promise<unknown>; generation: number }

const slots = remember('cache.processCaches', () => new Map<string, Slot>())

export type ProcessCache<T> = { get(load: () => Promise<T>): Promise<T>; invalidate(): void }

export function processCache<T>(name: string, ttlMs: number): ProcessCache<T> {
  const slot = (): Slot => {
    let s = slots.get(name)
    if (!s) slots.set(name, (s = { loadedAt: 0, generation: 0 }))
    return s
  }
  return {
    async get(load) {
      const s = slot()
      if (s.value !== undefined && Date.now() - s.loadedAt < ttlMs) return s.value as T
      const generation = s.generation
      if (!s.inflight) {
        const pending = load().finally(() => {
          if (s.inflight === pending) s.inflight = undefined
        })
        s.inflight = pending
      }
      const value = (await s.inflight) as T
      if (s.generation === generation) Object.assign(s, { value, loadedAt: Date.now() })
      return value
    },
    invalidate() {
      const s = slot()
      Object.assign(s, { value: undefined, inflight: undefined, generation: s.generation + 1 })
    },
  }
}
