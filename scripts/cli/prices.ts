import { readFile } from 'node:fs/promises'
import { prisma } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { closeProducerQueues } from '@/lib/queues'
import { addPriceVersion, infrastructurePrice, type AddPriceVersionResult } from '@/lib/pricing/add-price-version'
import { importLiteLlmPrices, type LiteLlmImportResult } from '@/lib/pricing/import-litellm-prices'
import { cliActor, invocation, UsageError, type CommandGroup, type CommandIo } from './command'
import { formatTable, formatTime } from './format-table'
import { parseFlags, requireFlag } from './parse-flags'
import { toUtcDay } from '@/lib/time/utc-days'

/** 'YYYY-MM-DD' (00:00 UTC) or a full ISO timestamp with a zone. */
function parseUtcDate(value: string, flag: string): Date {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value
  const date = new Date(text)
  if (!/^\d{4}-\d{2}-\d{2}(T.*(Z|[+-]\d{2}:?\d{2}))?$/.test(text) || Number.isNaN(date.getTime())) {
    throw new UsageError(`--${flag} must be YYYY-MM-DD (UTC) or an ISO timestamp with a zone (got '${value}')`)
  }
  return date
}

async function modelBySlug(slug: string) {
  const model = await prisma.model.findUnique({ where: { slug } })
  if (!model) throw new AppError('not_found', `unknown model '${slug}'`)
  return model
}

// The first non-flag argument is the command's operand (a file, a month); the rest are flags.
function takeOperand(argv: string[], name: string): [string, string[]] {
  const i = argv.findIndex((a) => !a.startsWith('-'))
  if (i < 0) throw new UsageError(`missing ${name}`)
  return [argv[i] as string, [...argv.slice(0, i), ...argv.slice(i + 1)]]
}

function reportAdded(io: CommandIo, slug: string, added: AddPriceVersionResult): void {
  const v = added.version
  io.out(`Added price version ${v.id} for '${slug}' from ${formatTime(v.effectiveFrom)}${v.effectiveTo ? ` to ${formatTime(v.effectiveTo)}` : ''} (${v.source})`)
  for (const c of added.closed) io.out(`  closed version ${c.id} (from ${formatTime(c.effectiveFrom)}) at ${formatTime(v.effectiveFrom)}`)
  if (v.effectiveFrom.getTime() < Date.now()) {
    const day = toUtcDay(v.effectiveFrom)
    const tomorrow = toUtcDay(new Date(Date.now() + 86_400_000))
    io.out(`Events since ${day} that were priced keep their cost; unpriced ones get priced by the worker.`)
    io.out(`To re-price them: ${invocation} reprice --from ${day} --to ${tomorrow} --model ${slug} --dry-run`)
  }
}

function printImport(io: CommandIo, r: LiteLlmImportResult): void {
  const day = toUtcDay(r.effectiveFrom)
  io.out(`${r.dryRun ? 'Dry run: ' : ''}LiteLLM import, ${r.entries} entries, effective from ${day}`)
  if (r.changes.length > 0) {
    io.out('')
    const rows = r.changes.flatMap((c) =>
      c.buckets.map((b, i) => [i === 0 ? `${c.slug}${c.newModel ? ' (new)' : ''}` : '', i === 0 ? c.key : '', b.bucket, b.old ?? '-', b.new ?? '-']),
    )
    formatTable(['MODEL', 'LITELLM KEY', 'BUCKET (USD/1M)', 'OLD', 'NEW'], rows).forEach((l) => io.out(l))
    for (const c of r.changes) for (const n of c.notes) io.out(`  note ${c.slug}: ${n}`)
  }
  if (r.unchanged.length > 0) io.out(`\nUnchanged: ${r.unchanged.map((u) => u.slug).join(', ')}`)
  for (const c of r.conflicts) {
    io.out(`\nConflict for '${c.slug}' (equally good keys disagree; set it with '${invocation} prices add'):`)
    for (const k of c.candidates) io.out(`  ${k.key}: input ${k.rates.input}, output ${k.rates.output}`)
  }
  if (r.createdModels.length > 0) {
    io.out(`\n${r.dryRun ? 'Would create' : 'Created'} ${r.createdModels.length} catalog models (route/deployment guessed — check them):`)
    for (const m of r.createdModels.slice(0, 50)) io.out(`  ${m.slug} (${m.key}): ${m.family}, ${m.route}, ${m.deployment}`)
    if (r.createdModels.length > 50) io.out(`  … and ${r.createdModels.length - 50} more (--json for all)`)
  }
  const skipped = Object.entries(r.skipped).map(([reason, n]) => `${reason} ${n}`)
  if (skipped.length > 0) io.out(`\nSkipped entries: ${skipped.join(', ')}`)
  io.out('')
  io.out(r.dryRun ? `${r.changes.length} price changes; run without --dry-run to apply.` : `Added ${r.changes.filter((c) => c.versionId).length} price versions.`)
}

export const prices: CommandGroup = {
  summary: 'price versions: history, manual and infrastructure prices, LiteLLM import',
  commands: {
    list: {
      usage: ['list --model SLUG [--json]'],
      summary: "a model's price history (USD per 1M tokens)",
      async run(argv, io) {
        const flags = parseFlags(argv, { model: { type: 'string' }, json: { type: 'boolean' } })
        const model = await modelBySlug(requireFlag(flags.model, 'model'))
        const versions = await prisma.priceVersion.findMany({ where: { modelId: model.id }, orderBy: { effectiveFrom: 'asc' } })
        if (flags.json) return io.out(JSON.stringify(versions, null, 2))
        if (versions.length === 0) return io.out(`No prices for '${model.slug}': its events are unpriced.`)
        const money = (d: { toFixed(): string } | null) => (d === null ? '-' : d.toFixed())
        formatTable(
          ['ID', 'FROM', 'TO', 'INPUT', 'CACHE READ', 'CACHE WRITE', 'OUTPUT', 'REASONING', 'SOURCE', 'NOTE'],
          versions.map((v) => [
            String(v.id),
            formatTime(v.effectiveFrom),
            formatTime(v.effectiveTo, 'open'),
            money(v.input),
            money(v.cacheRead),
            money(v.cacheWrite),
            money(v.output),
            money(v.reasoning),
            v.derived ? `${v.source} (derived)` : v.source,
            (v.note ?? '').slice(0, 60),
          ]),
        ).forEach((l) => io.out(l))
      },
    },
    add: {
      usage: ['add --model SLUG --from YYYY-MM-DD --input X --output Y [--cache-read X] [--cache-write X] [--reasoning X] [--note TEXT]'],
      summary: 'add a manual price version (USD per 1M tokens); closes the one in force at --from',
      async run(argv, io) {
        const flags = parseFlags(argv, {
          model: { type: 'string' },
          from: { type: 'string' },
          input: { type: 'string' },
          output: { type: 'string' },
          'cache-read': { type: 'string' },
          'cache-write': { type: 'string' },
          reasoning: { type: 'string' },
          note: { type: 'string' },
        })
        const slug = requireFlag(flags.model, 'model')
        const effectiveFrom = parseUtcDate(requireFlag(flags.from, 'from'), 'from')
        const input = requireFlag(flags.input, 'input')
        const output = requireFlag(flags.output, 'output')
        const model = await modelBySlug(slug)
        try {
          const added = await addPriceVersion(prisma, {
            modelId: model.id,
            effectiveFrom,
            input,
            output,
            cacheRead: flags['cache-read'] ?? null,
            cacheWrite: flags['cache-write'] ?? null,
            reasoning: flags.reasoning ?? null,
            source: 'manual',
            note: flags.note ?? null,
            actor: cliActor,
          })
          reportAdded(io, model.slug, added)
        } finally {
          await closeProducerQueues()
        }
      },
    },
    infra: {
      usage: ['infra --model SLUG --from YYYY-MM-DD --gpu-hour-usd X --tokens-per-second N [--note TEXT]'],
      summary: 'price a self-hosted model from its hardware: GPU-hour cost ÷ (tokens/s × 3600), per 1M tokens',
      async run(argv, io) {
        const flags = parseFlags(argv, {
          model: { type: 'string' },
          from: { type: 'string' },
          'gpu-hour-usd': { type: 'string' },
          'tokens-per-second': { type: 'string' },
          note: { type: 'string' },
        })
        const slug = requireFlag(flags.model, 'model')
        const effectiveFrom = parseUtcDate(requireFlag(flags.from, 'from'), 'from')
        const gpuHourUsd = requireFlag(flags['gpu-hour-usd'], 'gpu-hour-usd')
        const tokensPerSecond = requireFlag(flags['tokens-per-second'], 'tokens-per-second')
        let rate
        try {
          rate = infrastructurePrice({ gpuHourUsd, tokensPerSecond })
        } catch (err) {
          if (err instanceof AppError) throw err
          throw new AppError('invalid', `--gpu-hour-usd and --tokens-per-second must be numbers (got '${gpuHourUsd}', '${tokensPerSecond}')`)
        }
        const model = await modelBySlug(slug)
        try {
          const added = await addPriceVersion(prisma, {
            modelId: model.id,
            effectiveFrom,
            input: rate,
            output: rate,
            source: 'infrastructure',
            derived: true,
            note: flags.note ?? `GPU ${gpuHourUsd} USD/h at ${tokensPerSecond} tokens/s`,
            actor: cliActor,
          })
          io.out(`Infrastructure price: ${rate.toFixed()} USD per 1M tokens (input and output)`)
          reportAdded(io, model.slug, added)
        } finally {
          await closeProducerQueues()
        }
      },
    },
    'import-litellm': {
      usage: ['import-litellm FILE [--dry-run] [--effective-from YYYY-MM-DD] [--create-models] [--provider NAME,...] [--json]'],
      summary: "import LiteLLM's model_prices_and_context_window.json: adds a version where the price changed",
      async run(argv, io) {
        const [file, rest] = takeOperand(argv, 'FILE (a LiteLLM model_prices_and_context_window.json)')
        const flags = parseFlags(rest, {
          'dry-run': { type: 'boolean' },
          'effective-from': { type: 'string' },
          'create-models': { type: 'boolean' },
          provider: { type: 'string' },
          json: { type: 'boolean' },
        })
        const effectiveFrom = flags['effective-from'] ? parseUtcDate(flags['effective-from'], 'effective-from') : undefined
        let text: string
        try {
          text = await readFile(file, 'utf8')
        } catch (err) {
          throw new AppError('not_found', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`)
        }
        try {
          const result = await importLiteLlmPrices(prisma, text, {
            dryRun: flags['dry-run'] ?? false,
            effectiveFrom,
            createModels: flags['create-models'] ?? false,
            providers: flags.provider?.split(',').map((p) => p.trim()).filter(Boolean),
            actor: cliActor,
          })
          if (flags.json) io.out(JSON.stringify(result, null, 2))
          else printImport(io, result)
        } finally {
          await closeProducerQueues()
        }
      },
    },
  },
}
