import type { Benchmark } from '../core/types'
import { freshness } from './freshness'
import { ingest } from './ingest'
import { memory } from './memory'
import { pageData } from './page-data'
import { reprice } from './reprice'
import { routeAdvice } from './route-advice'
import { whatIfReplay } from './what-if'

// Every benchmark, in the order they run. Adding one = one module in this folder + one line here.
// The read-side ones share one filled database (core/fill.ts); re-price rewrites it, so it comes after
// the others that read it; memory goes last to list the peaks the others recorded.
export const benchmarks: Benchmark[] = [ingest, freshness, pageData, whatIfReplay, reprice, routeAdvice, memory]
