import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { SourceMap } from 'node:module'
import { join } from 'node:path'

// Summarises the V8 .cpuprofile files written with --profile: busy time per source file (through the
// .next-bench source maps, so minified chunks read as lib/… and app/… files) and the hottest functions.
// Only samples inside the recorded measurement windows count (startup and idle phases are left out).

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number }
type Node = { id: number; callFrame: CallFrame }
type Profile = { nodes: Node[]; startTime: number; samples: number[]; timeDeltas: number[] }

/** Measurement windows in µs of the monotonic clock (the clock V8 stamps profiles with). */
const windows: [number, number][] = []
export const nowMicros = (): number => Number(process.hrtime.bigint() / 1000n)
export function recordWindow(startUs: number, endUs: number): void {
  windows.push([startUs, endUs])
}

const maps = new Map<string, SourceMap | null>()
function sourceMapFor(url: string): SourceMap | null {
  if (!maps.has(url)) {
    const file = url.replace(/^file:\/\//, '')
    try {
      maps.set(url, new SourceMap(JSON.parse(readFileSync(`${decodeURIComponent(file)}.map`, 'utf8'))))
    } catch {
      maps.set(url, null)
    }
  }
  return maps.get(url) ?? null
}

function locate(cf: CallFrame): { file: string; fn: string } {
  const fn = cf.functionName || '(anonymous)'
  const url = cf.url
  if (!url) return { file: fn.startsWith('(') ? fn : '(native code)', fn }
  if (url.startsWith('node:')) return { file: 'node internals', fn: `${fn} (${url})` }
  const nm = url.lastIndexOf('node_modules/')
  if (nm >= 0 && !url.includes('.next-bench/')) {
    const parts = url.slice(nm + 13).split('/')
    const pkg = parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? '?')
    return { file: `package ${pkg}`, fn: `${fn} (${pkg})` }
  }
  if (url.includes('.next-bench/')) {
    const entry = sourceMapFor(url)?.findEntry(cf.lineNumber, cf.columnNumber) as { originalSource?: string; originalLine?: number } | undefined
    if (entry?.originalSource) {
      const src = entry.originalSource.replace(/^.*?\[project\]\//, '').replace(/^(\.\.\/)+/, '').replace(/^turbopack:\/\/\//, '')
      const nmAt = src.lastIndexOf('node_modules/')
      const file = nmAt >= 0 ? `package ${src.slice(nmAt + 13).split('/').slice(0, src.slice(nmAt + 13).startsWith('@') ? 2 : 1).join('/')}` : src
      return { file, fn: `${fn} (${src}:${(entry.originalLine ?? 0) + 1})` }
    }
    return { file: `next build chunk ${url.split('/').pop()}`, fn }
  }
  return { file: url.replace(/^file:\/\/.*?\/(app|lib|workers|bench)\//, '$1/'), fn: `${fn} (${url.split('/').pop()})` }
}

export function summariseProfile(path: string, top = 15): string[] {
  const p = JSON.parse(readFileSync(path, 'utf8')) as Profile
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const byFile = new Map<string, number>()
  const byFn = new Map<string, number>()
  let t = p.startTime
  let busy = 0
  let inWindow = 0
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0
    t += dt
    if (windows.length && !windows.some(([a, b]) => t >= a && t <= b)) return
    inWindow += dt
    const n = byId.get(id)
    if (!n || n.callFrame.functionName === '(idle)' || n.callFrame.functionName === '(program)') return
    busy += dt
    const { file, fn } = locate(n.callFrame)
    byFile.set(file, (byFile.get(file) ?? 0) + dt)
    byFn.set(fn, (byFn.get(fn) ?? 0) + dt)
  })
  if (busy === 0) return [`${path}: no busy samples inside the measurement windows`]
  const pct = (v: number) => `${((v / busy) * 100).toFixed(1).padStart(5)}%`
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)
  return [
    `${path}: ${(inWindow / 1e6).toFixed(1)} s inside ${windows.length || 'all'} measurement window(s), busy ${((busy / inWindow) * 100).toFixed(0)}% of it; shares of busy time (self time):`,
    '  by source file:',
    ...sorted(byFile).map(([k, v]) => `    ${pct(v)}  ${k}`),
    '  by function:',
    ...sorted(byFn).map(([k, v]) => `    ${pct(v)}  ${k}`),
  ]
}

export function profilesIn(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f))
}
