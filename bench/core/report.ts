import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Section, Table } from './types'

// docs/benchmarks.md: a fixed header, a "last run" block, and one marked section per benchmark. A run
// rewrites the header, the last-run block and the sections of the benchmarks it ran; sections of
// benchmarks it did not run are kept as they were (each says which command produced it, and when).

export type RunMeta = { command: string; dateUtc: string; machine: string; cpus: number; loadBefore: string; loadAfter: string; minutes: number; benchmarks: string[] }

const begin = (name: string) => `<!-- bench:${name}:begin -->`
const end = (name: string) => `<!-- bench:${name}:end -->`

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

export function renderTable(t: Table): string {
  const lines: string[] = []
  if (t.title) lines.push(`**${t.title}**`, '')
  lines.push(`| ${t.columns.map(cell).join(' | ')} |`)
  lines.push(`| ${t.columns.map(() => '---').join(' | ')} |`)
  for (const r of t.rows) lines.push(`| ${r.map(cell).join(' | ')} |`)
  return lines.join('\n')
}

/** A warning beside the numbers when other work already filled the cores before the run started. */
function loadWarning(meta: RunMeta): string[] {
  const oneMinute = Number(meta.loadBefore.split(' ')[0])
  if (!(oneMinute > meta.cpus)) return []
  return [
    `**Measured on a shared, loaded machine** (load average ${fmtLoad(oneMinute)} on ${meta.cpus} cores before the run): absolute figures are far below an idle run's and the spreads are wide; only ratios measured within a run mean anything, and even they are rough. Re-run \`${meta.command}\` on a quiet machine for numbers to quote.`,
    '',
  ]
}

const fmtLoad = (v: number) => v.toFixed(1)

export function renderSection(name: string, title: string, s: Section, meta: RunMeta): string {
  const parts: string[] = [begin(name), `## ${title} (\`${name}\`)`, '', `_\`${meta.command}\` · ${meta.dateUtc} · ${meta.machine} · load average before the run ${meta.loadBefore}_`, '', ...loadWarning(meta), s.about, '']
  if (s.goals.length) {
    parts.push(
      renderTable({
        columns: ['goal', 'measured', 'met?'],
        rows: s.goals.map((g) => [g.goal, g.detail, g.met === null ? 'n/a' : g.met ? 'yes' : '**no**']),
      }),
      '',
    )
  }
  for (const t of s.tables) parts.push(renderTable(t), '')
  if (s.notes.length) parts.push(...s.notes.map((n) => `- ${n}`), '')
  parts.push(end(name))
  return parts.join('\n')
}

const HEADER = `# Benchmarks

Produced by \`npm run bench\` (entry: \`bench/index.ts\`, one module per benchmark in \`bench/benchmarks/\`, on the
harness in \`bench/core/\` that the fault drills use too).
A run rewrites the "Last run" block and the sections of the benchmarks it ran; every section names the
command, date and machine that produced it.

    npm run bench                      # all benchmarks, 3 runs, 20 s of ingest load per step, 1M-event database
    npm run bench -- --quick           # small sizes (200k-event database), fewer repeats
    npm run bench -- --only ingest --runs 5 --no-build
    npm run bench -- --only page-data,what-if,reprice --events 10000000   # the read side at 10M events
    npm run bench -- --only page-data --events 10000000 --keep-db          # … and keep the filled database,
    npm run bench -- --only page-data,what-if --events 10000000 --reuse-db modelledger_bench_<pid>  # to skip the fill (2.5–8 min) next time
    npm run bench -- --only ingest --profile   # + V8 CPU profiles of the web server and the worker
    npm run bench -- --help            # every flag

It creates and drops its own database (\`modelledger_bench_<pid>\`), builds the app into \`.next-bench\`
when that is missing or older than the sources (\`next build\` in its compile and generate halves: the
production build without the type check, which is \`npm run typecheck\`'s job), and starts its own web server (port 3400 or the next
free one), worker (own BullMQ prefix) and load generator; all are stopped on exit or Ctrl-C.
The read-side benchmarks (page data, what-if, re-price) share one database filled by \`bench/core/fill.ts\`
(\`--events N\`): demo-profile events prepared by the real ingest code, multiplied inside PostgreSQL
(INSERT … SELECT FROM generate_series, each event priced at its own time), rollups rebuilt once.
\`npx tsx bench/profile-prepare.ts\` times the stages of prepareEvents without a database.

## How to read this

- The machine is small and **shared**: other builds and test suites may run at the same time, and the
  load generator, the web server, the worker and PostgreSQL all compete for the same cores. Absolute
  numbers move a lot from run to run; each figure is the **median (min–max) over several runs**.
- **Compare ratios, not absolute numbers.** Every measurement is paired with a baseline measured in the
  same run, minutes apart, under the same conditions (e.g. the API path against the raw-SQL ceiling).
  A ratio is computed per run and then summarised, so a busy neighbour slows both sides of it.
- **Ratios are at matched conditions.** Two paths compared by a ratio ran at the same concurrency (raw SQL
  ÷ Prisma: the same number of concurrent batches, the same work) or, for page data, on the same number
  of warm samples per side; a row that compares each side at its own best says "best against best".
- The "CPU" tables say who used the cores during a measurement ("others" = processes outside this
  benchmark): a run where others took a large share is less trustworthy.
- Nothing here is asserted by a test; the goals below are targets for this small machine.
- "Profiling notes" at the end are written by hand (what was changed or measured outside the harness,
  and when); runs keep them as they are.
`

function renderLastRun(meta: RunMeta): string {
  return [
    begin('last-run'),
    '## Last run',
    '',
    `- Command: \`${meta.command}\``,
    `- Date: ${meta.dateUtc}`,
    `- Machine: ${meta.machine}`,
    `- Load average (1/5/15 min) before: ${meta.loadBefore}; after: ${meta.loadAfter}`,
    `- Benchmarks: ${meta.benchmarks.join(', ')} (whole run ${meta.minutes.toFixed(1)} min including set-up)`,
    end('last-run'),
  ].join('\n')
}

function existingSections(path: string): Map<string, string> {
  const out = new Map<string, string>()
  if (!existsSync(path)) return out
  const text = readFileSync(path, 'utf8')
  const re = /<!-- bench:([a-z0-9-]+):begin -->[\s\S]*?<!-- bench:\1:end -->/g
  for (let m = re.exec(text); m; m = re.exec(text)) out.set(m[1] as string, m[0])
  return out
}

export function writeReport(path: string, meta: RunMeta, order: string[], fresh: Map<string, string>): void {
  const old = existingSections(path)
  const parts = [HEADER, renderLastRun(meta)]
  for (const name of order) {
    const s = fresh.get(name) ?? old.get(name)
    if (s) parts.push(s)
  }
  // Hand-written findings (profiling notes) between <!-- bench:notes:begin/end --> survive every run.
  const notes = old.get('notes')
  if (notes) parts.push(notes)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, `${parts.join('\n\n')}\n`)
}
