import type { Options } from './args'
import type { Managed } from './children'
import type { EnvironmentConfig } from './environment'
import type { Machine } from './machine'

// A benchmark is one module in bench/benchmarks/ exporting a Benchmark; bench/benchmarks/index.ts lists
// them in the order they run. The harness hands each one a BenchContext and writes its Section.

export type Lib = typeof import('./lib')

export type Row = Record<string, string>
export type Table = { title?: string; columns: string[]; rows: string[][] }

export type Section = {
  /** One-paragraph description of what was measured and how. */
  about: string
  tables: Table[]
  /** Findings and caveats, one bullet each. */
  notes: string[]
  /** Goals and whether they were met (null = not applicable / could not tell). */
  goals: { goal: string; met: boolean | null; detail: string }[]
}

export type BenchContext = {
  opts: Options
  config: EnvironmentConfig
  machine: Machine
  lib: Lib
  team: { id: number; apiKey: string }
  web: Managed
  worker: Managed
  log: (msg: string) => void
  /** Empties the event, batch and rollup tables (ids keep counting, so BullMQ job ids stay unique). */
  resetData: () => Promise<void>
  /** Waits until every ingest batch is rolled up; returns how long that took (ms). */
  waitForRollups: (timeoutMs?: number) => Promise<number>
  /** Call before a step; the returned function counts web-server log lines "rollup not enqueued" since. */
  markEnqueueFailures: () => () => number
  pauseWorker: () => void
  resumeWorker: () => void
  /** Results other benchmarks left for later ones (e.g. ingest → memory). */
  shared: Map<string, unknown>
  /** A fresh short tag for event ids ([a-z0-9]). */
  newTag: () => string
}

export type Benchmark = {
  name: string
  title: string
  /** Benchmarks whose shared results this one can reuse when they ran first. */
  after?: string[]
  run: (ctx: BenchContext) => Promise<Section>
}
