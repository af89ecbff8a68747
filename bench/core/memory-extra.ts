import type { GroupUsage } from './monitor'
import type { BenchContext } from './types'

// Peak memory seen by benchmarks other than `memory` (re-price: the worker; route advice: the web
// server), left in ctx.shared for the `memory` section to list next to its own ingest figures.

export type MemoryExtra = { label: string; runs: Pick<GroupUsage, 'idleRss' | 'peakRss' | 'hwm'>[] }

const KEY = 'memory-extra'

export function recordMemory(ctx: BenchContext, extra: MemoryExtra): void {
  const list = (ctx.shared.get(KEY) as MemoryExtra[] | undefined) ?? []
  list.push(extra)
  ctx.shared.set(KEY, list)
}

export function recordedMemory(ctx: BenchContext): MemoryExtra[] {
  return (ctx.shared.get(KEY) as MemoryExtra[] | undefined) ?? []
}
