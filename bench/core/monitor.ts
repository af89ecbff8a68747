import { performance } from 'node:perf_hooks'
import { processTree } from './children'
import { cpuMsOf, machineCpuMs, memoryOf, pidsByComm } from './procfs'

// Watches named groups of processes while a measurement runs: peak resident memory (sampled every
// 200 ms) and CPU time, plus the whole machine's busy time — so a report can say who used the cores
// (the server, PostgreSQL, the worker, the load generator, or someone else on this shared machine).

export type ProcessGroup = { name: string; pids: () => number[]; sampleMemory?: boolean }

export type GroupUsage = { cpuPercent: number; peakRss: number; hwm: number; idleRss: number }
export type MonitorResult = { wallMs: number; cores: number; machineBusyPercent: number; groups: Record<string, GroupUsage>; othersPercent: number }

export function treeOf(getPid: () => number | undefined): () => number[] {
  return () => {
    const pid = getPid()
    return pid === undefined ? [] : processTree(pid)
  }
}

export const postgresGroup: ProcessGroup = { name: 'postgres', pids: () => pidsByComm('postgres') }

export class Monitor {
  private cpuStart = new Map<string, Map<number, number>>()
  private cpuLast = new Map<string, Map<number, number>>()
  private peak = new Map<string, number>()
  private idle = new Map<string, number>()
  private timer: NodeJS.Timeout | undefined
  private t0 = 0
  private m0 = { busy: 0, total: 0 }

  constructor(private readonly groups: ProcessGroup[], private readonly cores: number, private readonly intervalMs = 200) {}

  private rssOf(g: ProcessGroup): number {
    return g.pids().reduce((s, pid) => s + memoryOf(pid).rss, 0)
  }

  private sample(first: boolean): void {
    for (const g of this.groups) {
      const start = this.cpuStart.get(g.name)!
      const last = this.cpuLast.get(g.name)!
      let rss = 0
      for (const pid of g.pids()) {
        const cpu = cpuMsOf(pid)
        if (Number.isNaN(cpu)) continue // exited: its last reading stands
        // A process that appears during the window spent all its CPU time inside it.
        if (!start.has(pid)) start.set(pid, first ? cpu : 0)
        last.set(pid, cpu)
        if (g.sampleMemory) rss += memoryOf(pid).rss
      }
      if (g.sampleMemory) this.peak.set(g.name, Math.max(this.peak.get(g.name) ?? 0, rss))
    }
  }

  start(): this {
    for (const g of this.groups) {
      this.cpuStart.set(g.name, new Map())
      this.cpuLast.set(g.name, new Map())
      if (g.sampleMemory) this.idle.set(g.name, this.rssOf(g))
    }
    this.t0 = performance.now()
    this.m0 = machineCpuMs()
    this.sample(true)
    this.timer = setInterval(() => this.sample(false), this.intervalMs)
    return this
  }

  stop(): MonitorResult {
    clearInterval(this.timer)
    this.sample(false)
    const wallMs = performance.now() - this.t0
    const m1 = machineCpuMs()
    const groups: Record<string, GroupUsage> = {}
    let accounted = 0
    for (const g of this.groups) {
      const start = this.cpuStart.get(g.name)!
      let cpu = 0
      for (const [pid, last] of this.cpuLast.get(g.name)!) cpu += last - (start.get(pid) ?? 0)
      accounted += cpu
      const hwm = g.sampleMemory ? g.pids().reduce((s, pid) => s + memoryOf(pid).hwm, 0) : NaN
      groups[g.name] = { cpuPercent: (cpu / wallMs) * 100, peakRss: this.peak.get(g.name) ?? NaN, hwm, idleRss: this.idle.get(g.name) ?? NaN }
    }
    const busy = m1.busy - this.m0.busy
    const total = m1.total - this.m0.total
    const machineBusyPercent = total > 0 ? (busy / total) * 100 : NaN
    // busy is summed over all cores: in "% of one core" units it is busy / wall.
    const othersPercent = Math.max(0, ((busy - accounted) / wallMs) * 100)
    return { wallMs, cores: this.cores, machineBusyPercent, groups, othersPercent }
  }
}
