// Reads the phase list written by scripts/test.sh and the JSON reports it names, and prints one closing
// line for the whole suite: "N passed, N failed[, N skipped]". Exits 1 when anything failed.
//
// A phase that crashed counts as failed even when its report shows no failing test, a phase that should
// have written a report and did not counts as failed, and a phase that never ran counts as failed:
// a broken run must never read as a green one.
//
// Phase list: one line per phase, tab-separated: name, exit code ("-" = not run), report kind
// (vitest | playwright | none), report path, seconds, note.
import { existsSync, readFileSync } from 'node:fs'

const phaseFile = process.argv[2]
if (!phaseFile || !existsSync(phaseFile)) {
  console.log(`summarize-tests: no phase list${phaseFile ? ` at ${phaseFile}` : ''}`)
  console.log('0 passed, 1 failed')
  process.exit(1)
}

const total = { passed: 0, failed: 0, skipped: 0 }
const notes = []

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
}

// Vitest's JSON reporter (Jest-compatible shape).
function countVitest(report) {
  const c = {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  }
  // A file that failed to load or whose hooks threw has no failing assertion to count.
  for (const file of report.testResults ?? []) {
    const failedInside = (file.assertionResults ?? []).some((a) => a.status === 'failed')
    if (file.status === 'failed' && !failedInside) {
      c.failed += 1
      notes.push(`  file failed outside any test: ${file.name}${file.message ? ` — ${firstLine(file.message)}` : ''}`)
    }
  }
  return c
}

// Playwright's JSON reporter.
function countPlaywright(report) {
  const s = report.stats ?? {}
  const c = { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 }
  if (s.flaky) notes.push(`  ${s.flaky} e2e test(s) passed only on retry (flaky)`)
  // Errors outside tests: web server did not start, global setup threw, a spec file did not load.
  for (const e of report.errors ?? []) {
    c.failed += 1
    notes.push(`  error outside tests: ${firstLine(e.message ?? String(e))}`)
  }
  return c
}

function firstLine(text) {
  const plain = String(text).replace(/\u001b\[[0-9;]*m/g, '').trim()
  return plain.split('\n')[0].slice(0, 200)
}

const lines = readFileSync(phaseFile, 'utf8').split('\n').filter(Boolean)
for (const line of lines) {
  const [name, code, kind, reportPath, seconds, note] = line.split('\t')
  const took = seconds ? ` (${seconds}s)` : ''
  if (code === '-') {
    total.failed += 1
    notes.push(`${name}: not run${note ? ` — ${note}` : ''}`)
    continue
  }
  const exit = Number(code)
  if (kind === 'none') {
    if (exit !== 0) {
      total.failed += 1
      notes.push(`${name}: FAILED, exit ${exit}${took}${note ? ` — ${note}` : ''}`)
    } else {
      notes.push(`${name}: ok${took}`)
    }
    continue
  }
  const report = reportPath && existsSync(reportPath) ? readJson(reportPath) : undefined
  if (!report) {
    total.failed += 1
    notes.push(`${name}: FAILED, exit ${exit}, no readable report at ${reportPath}${took}`)
    continue
  }
  const before = notes.length
  const c = kind === 'vitest' ? countVitest(report) : countPlaywright(report)
  if (exit !== 0 && c.failed === 0) {
    c.failed = 1
    notes.splice(before, 0, `  exited ${exit} although no test failed (crash, unhandled error or bad config)`)
  }
  total.passed += c.passed
  total.failed += c.failed
  total.skipped += c.skipped
  const detail = `${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`
  notes.splice(before, 0, `${name}: ${c.failed ? 'FAILED' : 'ok'}, ${detail}${took}`)
}

for (const n of notes) console.log(n)
console.log(
  `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`,
)
process.exit(total.failed > 0 ? 1 : 0)
