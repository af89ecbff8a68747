import { pool } from '@/lib/db'
import { reconcileRollups } from '@/lib/rollups/reconcile-rollups'
import { sweepPendingBatches } from '@/lib/rollups/sweep-pending-batches'
import { UsageError, type CommandGroup } from './command'
import { formatTable } from './format-table'
import { parseFlags, requireFlag } from './parse-flags'

function parseDay(value: string, flag: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new UsageError(`--${flag} must be a date YYYY-MM-DD (got '${value}')`)
  return new Date(`${value}T00:00:00Z`)
}

export const rollups: CommandGroup = {
  summary: 'check and repair the spend rollups',
  commands: {
    reconcile: {
      usage: ['reconcile --from YYYY-MM-DD --to YYYY-MM-DD [--dry-run]'],
      summary: 'compare rollups with a GROUP BY over raw events (both dates inclusive, UTC); repair differences unless --dry-run',
      async run(argv, io) {
        const flags = parseFlags(argv, { from: { type: 'string' }, to: { type: 'string' }, 'dry-run': { type: 'boolean' } })
        const from = parseDay(requireFlag(flags.from, 'from'), 'from')
        const toDay = parseDay(requireFlag(flags.to, 'to'), 'to')
        if (toDay < from) throw new UsageError('--to must not be before --from')
        const to = new Date(toDay.getTime() + 86_400_000)
        const { differences, repaired } = await reconcileRollups(pool, { from, to }, { repair: !flags['dry-run'] })
        if (differences.length === 0) return io.out(`Rollups match raw events from ${flags.from} to ${flags.to}: no differences.`)
        formatTable(
          ['GRAIN', 'TEAM', 'BUCKET', 'MODEL', 'PROFILE', 'COLUMN', 'ROLLUP', 'RAW'],
          differences.slice(0, 50).map((d) => [d.grain, String(d.teamId), d.bucket, d.modelKey, d.profile, d.column, d.rollup, d.raw]),
        ).forEach((l) => io.out(l))
        if (differences.length > 50) io.out(`… and ${differences.length - 50} more`)
        io.out(repaired ? `${differences.length} differences found and repaired (window rebuilt from raw events).` : `${differences.length} differences found (dry run: nothing changed).`)
      },
    },
    sweep: {
      usage: ['sweep'],
      summary: 'apply every stored batch that has not been rolled up yet',
      async run(argv, io) {
        parseFlags(argv, {})
        const r = await sweepPendingBatches(pool, { olderThanSeconds: 0, limit: 100_000 })
        io.out(`${r.applied} batches applied (${r.seen} pending seen).`)
      },
    },
  },
}
