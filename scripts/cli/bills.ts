import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { billFormats, type BillFormat } from '@/lib/bills/bill-line'
import { importBill } from '@/lib/bills/import-bill'
import { queryReconciliation } from '@/lib/bills/query-reconciliation'
import { publicRow, worstGapsFirst } from '@/lib/bills/reconcile-rows'
import { parseReconciliationWindow } from '@/lib/bills/reconciliation-window'
import { pool, prisma } from '@/lib/db'
import { cliActor, UsageError, type CommandGroup } from './command'
import { formatTable } from './format-table'
import { parseFlags } from './parse-flags'

// `bills import a.json b.json --provider openai`: files are operands, the rest flags (--provider takes a value).
function takeFiles(argv: string[]): [string[], string[]] {
  const files: string[] = []
  const rest: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string
    if (a.startsWith('-')) {
      rest.push(a)
      if (a === '--provider' && i + 1 < argv.length) rest.push(argv[++i] as string)
    } else files.push(a)
  }
  if (files.length === 0) throw new UsageError('missing FILE (the bill: JSON pages or CSV; several files load as one export)')
  return [files, rest]
}

const pct = (rate: string | null) => (rate === null ? '-' : `${(Number(rate) * 100).toFixed(2)}%`)

export const bills: CommandGroup = {
  summary: 'provider bills: load an OpenAI / Anthropic / CSV bill, and reconcile it with tracked spend',
  commands: {
    import: {
      usage: ['import FILE... --provider openai|anthropic|csv [--dry-run] [--json]'],
      summary: 'load a bill (idempotent: lines equal to the stored ones change nothing; a corrected file replaces the lines it covers)',
      async run(argv, io) {
        const [paths, rest] = takeFiles(argv)
        const flags = parseFlags(rest, { provider: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } })
        if (!flags.provider || !(billFormats as readonly string[]).includes(flags.provider)) throw new UsageError(`--provider must be one of ${billFormats.join(', ')}`)
        const files = await Promise.all(
          paths.map(async (p) => {
            try {
              return { name: path.basename(p), text: await readFile(p, 'utf8') }
            } catch {
              throw new UsageError(`cannot read ${p}`)
            }
          }),
        )
        const result = await importBill(prisma, pool, { format: flags.provider as BillFormat, files, dryRun: flags['dry-run'] === true, actor: cliActor })
        if (flags.json) return io.out(JSON.stringify(result, null, 2))
        const verb = result.dryRun ? 'Would load' : 'Loaded'
        io.out(`${verb} ${result.lines} line(s) for ${result.firstDay}..${result.lastDay}: ${result.inserted} new, ${result.updated} changed, ${result.unchanged} unchanged`)
        for (const t of result.totals) io.out(`  ${t.provider}: ${t.amount} ${t.currency}`)
        for (const u of result.unmatchedModels) io.out(`  not in the catalog: ${u.provider} '${u.model}'`)
        for (const w of result.warnings) io.out(`  warning: ${w}`)
        if (result.alertsCreated > 0) io.out(`  ${result.alertsCreated} capture-rate alert(s) raised`)
      },
    },
    show: {
      usage: ['show --from YYYY-MM-DD --to YYYY-MM-DD [--provider P] [--json]'],
      summary: 'billed vs tracked per provider × day × model, worst gaps first, with capture rate and the gap’s explanation',
      async run(argv, io) {
        const flags = parseFlags(argv, { from: { type: 'string' }, to: { type: 'string' }, provider: { type: 'string' }, json: { type: 'boolean' } })
        if (!flags.from || !flags.to) throw new UsageError('give --from and --to (YYYY-MM-DD, both included)')
        const window = parseReconciliationWindow({ from: flags.from, to: flags.to, provider: flags.provider }, new Date())
        const r = await queryReconciliation(pool, window)
        if (flags.json) return io.out(JSON.stringify({ rows: r.rows.map(publicRow), totals: r.totals }, null, 2))
        if (r.rows.length === 0) return io.out(`No bill lines for ${window.from}..${window.to}.`)
        formatTable(
          ['DATE', 'PROVIDER', 'MODEL', 'BILLED USD', 'TRACKED USD', 'CAPTURE', 'BILLED TOK', 'TRACKED TOK', 'WHY'],
          worstGapsFirst(r.rows).map((x) => [x.date, x.provider, x.model, x.billed_usd, x.tracked_usd, pct(x.capture_rate), x.billed_tokens === null ? '-' : String(x.billed_tokens), String(x.tracked_tokens), x.explanation.kind]),
        ).forEach((l) => io.out(l))
        io.out(`Total: billed ${r.totals.billed_usd} USD, tracked ${r.totals.tracked_usd} USD, capture ${pct(r.totals.capture_rate)}`)
        for (const o of r.otherCurrency) io.out(`  billed in ${o.currency} (not converted): ${o.date} ${o.provider} ${o.model} ${o.amount} ${o.currency}`)
      },
    },
  },
}
