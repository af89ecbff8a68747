import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { formatStatuses, type DrillOutcome } from './run-drill'

// The drills' results: a Markdown table for people (and docs/reliability.md), and a report in the
// shape of Vitest's JSON reporter, one test per drill, so scripts/summarize-tests.mjs counts them
// in `npm test`'s closing "N passed, N failed" line.

const n = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : Math.round(v).toLocaleString('en-US'))

function differences(d: DrillOutcome): number {
  const c = d.check
  const statusProblems = Object.entries(d.load.statuses)
    .filter(([s]) => !s.startsWith('2') && s !== '503' && s !== 'keepalive-reset')
    .reduce((a, [, k]) => a + k, 0)
  if (!c) return d.failures.length
  return (
    c.lost +
    c.unacknowledged +
    Math.abs(c.stored - d.load.eventsAccepted) +
    c.pendingBatches +
    c.rollupDifferences +
    Math.abs(c.rolledUpHourly - c.stored) +
    Math.abs(c.rolledUpDaily - c.stored) +
    d.load.eventsRejected +
    d.load.batchesAbandoned +
    statusProblems
  )
}

export function renderTable(drills: readonly DrillOutcome[]): string {
  const lines = [
    '| drill | events sent | accepted | stored | rolled up (hourly / daily) | differences | HTTP answers | result |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
  ]
  for (const d of drills) {
    const c = d.check
    lines.push(
      `| ${d.name} | ${n(d.load.eventsSent)} | ${n(d.load.eventsAccepted)} | ${n(c?.stored)} | ${n(c?.rolledUpHourly)} / ${n(c?.rolledUpDaily)} | ` +
        `${differences(d)} | ${formatStatuses(d.load.statuses)} | ${d.failures.length ? '**FAIL**' : 'pass'} |`,
    )
  }
  return lines.join('\n')
}

export function renderDetails(drills: readonly DrillOutcome[]): string {
  const out: string[] = []
  for (const d of drills) {
    const c = d.check
    out.push(`${d.name} — ${d.title} (${d.seconds.toFixed(0)} s)`)
    for (const note of d.notes) out.push(`  · ${note}`)
    if (c) {
      const settled = c.pendingBatches === 0 ? `all rolled up ${c.settleSec.toFixed(1)} s after the load stopped` : `${c.pendingBatches} NOT rolled up ${c.settleSec.toFixed(0)} s after the load stopped`
      out.push(`  · cost: raw ${c.rawCost}, hourly ${c.hourlyCost}, daily ${c.dailyCost}; ${c.batches} batches, ${settled}`)
      out.push(`  · rollup lag per batch (stored → rolled up): p50 ${c.lagSec.p50.toFixed(2)} s, p99 ${c.lagSec.p99.toFixed(2)} s, max ${c.lagSec.max.toFixed(2)} s`)
    }
    out.push(`  · load: ${d.load.batchesSent} batches, ${d.load.attempts} requests, 2xx latency p50 ${d.load.latencyMs.p50.toFixed(0)} ms, p99 ${d.load.latencyMs.p99.toFixed(0)} ms`)
    for (const f of d.failures) out.push(`  ✗ ${f}`)
  }
  return out.join('\n')
}

export function writeVitestShapedReport(path: string, drills: readonly DrillOutcome[], setupError?: string): void {
  const tests = drills.map((d) => ({
    ancestorTitles: ['fault drills'],
    fullName: `fault drills ${d.name}`,
    title: `${d.name}: ${d.title}`,
    status: d.failures.length ? 'failed' : 'passed',
    duration: Math.round(d.seconds * 1000),
    failureMessages: d.failures,
  }))
  if (setupError) {
    tests.push({ ancestorTitles: ['fault drills'], fullName: 'fault drills setup', title: 'setup', status: 'failed', duration: 0, failureMessages: [setupError] })
  }
  const failed = tests.filter((t) => t.status === 'failed').length
  const report = {
    numTotalTests: tests.length,
    numPassedTests: tests.length - failed,
    numFailedTests: failed,
    numPendingTests: 0,
    numTodoTests: 0,
    success: failed === 0,
    testResults: [{ name: 'scripts/drills', status: failed ? 'failed' : 'passed', message: setupError ?? '', assertionResults: tests }],
  }
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, JSON.stringify(report, null, 2))
}
