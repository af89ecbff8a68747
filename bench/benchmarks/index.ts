import type { Benchmark } from '../core/types'
import { freshness } from './freshness'
import { ingest } from './ingest'
import { memory } from './memory'

// Every benchmark, in the order they run. Adding one = one module in this folder + one line here.
export const benchmarks: Benchmark[] = [ingest, freshness, memory]
