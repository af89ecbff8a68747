import type { RepriceRun } from '@prisma/client'

// A reprice_runs row as the progress endpoint and the page hand it to the browser.

export type RepriceRunView = {
  id: number
  status: 'pending' | 'running' | 'done' | 'failed'
  dryRun: boolean
  from: string
  to: string
  modelId: number | null
  total: number
  done: number
  percent: number
  result: {
    events?: number
    changed?: number
    oldCost?: string
    newCost?: string
    delta?: string
    /** Team-days whose events changed. */
    changedDays?: number
  } | null
  error: string | null
  createdAt: string
  finishedAt: string | null
}

export function repricePercent(status: string, done: number, total: number): number {
  if (status === 'done') return 100
  if (total <= 0) return 0
  // Events ingested into the window after the start can push done past total; 100 means finished.
  return Math.min(99, Math.floor((done / total) * 100))
}

export function toRepriceRunView(run: RepriceRun): RepriceRunView {
  const result = run.result && typeof run.result === 'object' && !Array.isArray(run.result) ? (run.result as Record<string, unknown>) : null
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined)
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined)
  return {
    id: run.id,
    status: run.status,
    dryRun: run.dryRun,
    from: run.fromTs.toISOString(),
    to: run.toTs.toISOString(),
    modelId: run.modelId,
    total: run.total,
    done: run.done,
    percent: repricePercent(run.status, run.done, run.total),
    result: result
      ? {
          events: num(result.events),
          changed: num(result.changed),
          oldCost: str(result.oldCost),
          newCost: str(result.newCost),
          delta: str(result.delta),
          // Runs finished before rollups moved per chunk counted the same team-days as rebuiltDays.
          changedDays: num(result.changedDays) ?? num(result.rebuiltDays),
        }
      : null,
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  }
}
