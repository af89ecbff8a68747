// Command-line flags of `npm run bench -- [flags]`.

export type Options = {
  quick: boolean
  only: string[] | null
  /** Database size for the benchmarks that read a filled database (page data, re-price). */
  events: number
  /** Seconds of ingest load per measured step. */
  duration: number
  runs: number
  keepDb: boolean
  /** An existing database kept by an earlier --keep-db run: used as it is (its fill reused), never dropped. */
  reuseDb: string | null
  build: boolean
  port: number
  /** HTTP connections of the load generator for the throughput run. */
  connections: number
  /** Where the results are written ('' = do not write). */
  out: string
  /** Write V8 CPU profiles of the web server and worker (and print their hottest functions). */
  profile: boolean
  argv: string[]
}

export const usage = `usage: npm run bench -- [flags]
  --quick            small sizes (whole run under ~3 minutes, build excluded)
  --only a,b         run only these benchmarks (see the list below)
  --events N         database size for the benchmarks that read a filled database (page-data,
                     what-if, reprice; core/fill.ts; default 1000000, quick 200000)
  --duration S       seconds of ingest load per measured step (default 20, quick 5)
  --runs K           repeats of each measurement (default 3, quick 2)
  --connections C    HTTP connections of the ingest load generator (default 12)
  --port P           port of the benchmark web server (default 3400)
  --keep-db          keep the throwaway database (and print its URL)
  --reuse-db NAME    run in a database kept by an earlier --keep-db run, reusing its fill when it has
                     --events events (after a benchmark that empties the tables, ingest or memory,
                     the next one that reads the fill fills it again)
  --no-build         reuse .next-bench as it is (it must exist)
  --out FILE         results file (default docs/benchmarks.md; --out '' writes none)
  --profile          V8 CPU profiles of the web server and the worker into .run/bench/prof/, and a
                     summary of their hottest functions at the end (profiling slows them down a little)
  --help`

function intArg(name: string, value: string | undefined, min: number): number {
  const n = Number(value)
  if (value === undefined || !Number.isFinite(n) || !Number.isInteger(n) || n < min) {
    throw new Error(`${name} needs an integer ≥ ${min} (got ${value === undefined ? 'nothing' : `'${value}'`})`)
  }
  return n
}

export function parseArgs(argv: string[]): Options | 'help' {
  const quick = argv.includes('--quick')
  const o: Options = {
    quick,
    only: null,
    events: quick ? 200_000 : 1_000_000,
    duration: quick ? 5 : 20,
    runs: quick ? 2 : 3,
    keepDb: false,
    reuseDb: null,
    build: true,
    port: 3400,
    connections: 12,
    out: 'docs/benchmarks.md',
    profile: false,
    argv,
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined]
    const value = () => inline ?? argv[++i]
    switch (flag) {
      case '--quick':
        break
      case '--help':
      case '-h':
        return 'help'
      case '--only': {
        const v = value()
        if (!v) throw new Error('--only needs a comma-separated list of benchmark names')
        o.only = v.split(',').map((s) => s.trim()).filter(Boolean)
        break
      }
      case '--events':
        o.events = intArg('--events', value(), 1)
        break
      case '--duration':
        o.duration = intArg('--duration', value(), 1)
        break
      case '--runs':
        o.runs = intArg('--runs', value(), 1)
        break
      case '--connections':
        o.connections = intArg('--connections', value(), 1)
        break
      case '--port':
        o.port = intArg('--port', value(), 1)
        break
      case '--keep-db':
        o.keepDb = true
        break
      case '--reuse-db': {
        const v = value()
        if (!v || !/^[a-z0-9_]+$/.test(v)) throw new Error(`--reuse-db needs a database name of lower-case letters, digits and _ (got '${v ?? ''}')`)
        o.reuseDb = v
        break
      }
      case '--no-build':
        o.build = false
        break
      case '--profile':
        o.profile = true
        break
      case '--out':
        o.out = value() ?? ''
        break
      default:
        throw new Error(`unknown flag '${a}'\n${usage}`)
    }
  }
  return o
}
