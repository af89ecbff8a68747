import { pool } from '@/lib/db'
import { env } from '@/lib/env'
import { applyUsageRetention } from '@/lib/partitions/apply-usage-retention'
import { listUsageEventPartitions, type UsageEventPartition } from '@/lib/partitions/list-usage-event-partitions'
import { maintainUsagePartitions, PARTITION_MONTHS_AHEAD } from '@/lib/partitions/maintain-usage-partitions'
import { UsageError, type CommandGroup } from './command'
import { formatTable } from './format-table'
import { parseFlags } from './parse-flags'
import { toUtcDay } from '@/lib/time/utc-days'

function parseMonths(value: string | undefined): number {
  if (value === undefined) return env.USAGE_RETENTION_MONTHS
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--months must be a whole number ≥ 1 (got '${value}')`)
  return Number(value)
}

const day = (d: Date | null) => (d ? toUtcDay(d) : '-')
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`
const rows = (p: UsageEventPartition) => (p.estimatedRows < 0 ? '?' : String(Math.round(p.estimatedRows)))

export const partitions: CommandGroup = {
  summary: 'monthly partitions of usage_events: create ahead, retention',
  commands: {
    list: {
      usage: ['list'],
      summary: 'every partition with its range, estimated rows and size',
      async run(argv, io) {
        parseFlags(argv, {})
        const all = await listUsageEventPartitions(pool)
        formatTable(
          ['PARTITION', 'FROM', 'TO', 'ROWS (EST.)', 'SIZE'],
          all.map((p) => [p.name + (p.detachPending ? ' (detach pending)' : ''), day(p.from), day(p.to), rows(p), mb(p.bytes)]),
        ).forEach((l) => io.out(l))
      },
    },
    ensure: {
      usage: ['ensure'],
      summary: `create this month's partition and the next ${PARTITION_MONTHS_AHEAD} (UTC), then apply retention, as the daily job does`,
      async run(argv, io) {
        parseFlags(argv, {})
        const { created, retention } = await maintainUsagePartitions(pool, { now: new Date(), retentionMonths: env.USAGE_RETENTION_MONTHS })
        io.out(created.length ? `Created ${created.join(', ')}.` : `Every partition up to ${PARTITION_MONTHS_AHEAD} months ahead exists already.`)
        io.out(`Retention (${env.USAGE_RETENTION_MONTHS} months): dropped ${retention.dropped.length} partition(s), pruned ${retention.keys} idempotency key(s).`)
      },
    },
    retention: {
      usage: ['retention [--months N] [--dry-run]'],
      summary: 'drop whole months of raw events older than N months (default USAGE_RETENTION_MONTHS); rollups are kept',
      async run(argv, io) {
        const flags = parseFlags(argv, { months: { type: 'string' }, 'dry-run': { type: 'boolean' } })
        const months = parseMonths(flags.months)
        const r = await applyUsageRetention(pool, { now: new Date(), months, dryRun: flags['dry-run'] === true })
        const verb = r.dryRun ? 'would drop' : 'dropped'
        io.out(`Cutoff: events before ${day(r.cutoff)} (${months} month(s)).`)
        if (r.dropped.length === 0) io.out(`Nothing to drop.`)
        else {
          formatTable(['PARTITION', 'FROM', 'TO', 'ROWS (EST.)', 'SIZE'], r.dropped.map((p) => [p.name, day(p.from), day(p.to), rows(p), mb(p.bytes)])).forEach((l) => io.out(l))
          io.out(`${r.dropped.length} partition(s) ${verb}.`)
        }
        io.out(`${r.keys} idempotency key(s) before ${day(r.keysCutoff)} ${r.dryRun ? 'would be pruned' : 'pruned'}.${r.dryRun ? ' Dry run: nothing changed.' : ''}`)
      },
    },
  },
}
