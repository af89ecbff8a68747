import { pool, prisma } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { closeProducerQueues, onProducerQueue, queueNames } from '@/lib/queues'
import { serializeRepricePlan, type RepricePlan } from '@/lib/pricing/reprice/plan-reprice'
import { runRepriceChunked } from '@/lib/pricing/reprice/run-reprice-chunked'
import { startReprice } from '@/lib/pricing/reprice/start-reprice'
import { cliActor, invocation, UsageError, type Command, type CommandGroup, type CommandIo } from './command'
import { formatTable, formatTime } from './format-table'
import { parseFlags, requireFlag } from './parse-flags'
import { toUtcDay } from '@/lib/time/utc-days'

function parseDay(value: string, flag: string): Date {
  const date = new Date(`${value}T00:00:00Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime())) throw new UsageError(`--${flag} must be YYYY-MM-DD (UTC), got '${value}'`)
  return date
}

function printPlan(io: CommandIo, plan: RepricePlan): void {
  if (plan.rows.length === 0) return io.out('No events in the window.')
  formatTable(
    ['TEAM', 'MONTH', 'EVENTS', 'CHANGED', 'OLD USD', 'NEW USD', 'DELTA USD', 'UNPRICED BEFORE→AFTER', ''],
    plan.rows.map((r) => [
      r.teamSlug,
      r.month,
      String(r.events),
      String(r.changed),
      r.oldCost.toFixed(6),
      r.newCost.toFixed(6),
      r.delta.toFixed(6),
      `${r.unpricedBefore}→${r.unpricedAfter}`,
      r.closed && r.changed > 0 ? 'closed: shows as adjustment' : '',
    ]),
  ).forEach((l) => io.out(l))
  io.out(`Total: ${plan.events} events, ${plan.changed} change; ${plan.oldCost.toFixed()} → ${plan.newCost.toFixed()} USD (delta ${plan.delta.toFixed()})`)
}

// Without a worker listening the job would wait forever; then this process does the work itself.
async function hasRepriceWorker(timeoutMs = 1000): Promise<boolean> {
  return (await onProducerQueue(queueNames.reprice, (q) => q.getWorkersCount(), 0, timeoutMs)) > 0
}

async function applyInProcess(io: CommandIo, runId: number): Promise<void> {
  let last = -1
  const result = await runRepriceChunked(pool, runId, {
    onProgress: (p) => {
      if (p.percent === last) return
      last = p.percent
      io.out(`run ${runId}: ${p.percent}% (${p.done}/${p.total} events)`)
    },
  })
  io.out(`Re-priced run ${runId}: ${result.events} events, ${result.changed} changed; ${result.oldCost} → ${result.newCost} USD (delta ${result.delta}); ${result.changedDays ?? 0} team-days changed`)
}

const run: Command = {
  usage: ['--from YYYY-MM-DD --to YYYY-MM-DD [--model SLUG] [--dry-run] [--wait] [--json]'],
  summary:
    're-price events in [from, to) with the price in force at each event time: --dry-run prints the change per team and month; ' +
    'apply runs on the reprice worker, or here with --wait (and when no worker is running)',
  async run(argv, io) {
    const flags = parseFlags(argv, {
      from: { type: 'string' },
      to: { type: 'string' },
      model: { type: 'string' },
      'dry-run': { type: 'boolean' },
      wait: { type: 'boolean' },
      json: { type: 'boolean' },
    })
    const from = parseDay(requireFlag(flags.from, 'from'), 'from')
    const to = parseDay(requireFlag(flags.to, 'to'), 'to')
    let modelId: number | null = null
    if (flags.model !== undefined) {
      const model = await prisma.model.findUnique({ where: { slug: flags.model } })
      if (!model) throw new AppError('not_found', `unknown model '${flags.model}'`)
      modelId = model.id
    }
    try {
      if (flags['dry-run']) {
        const { run: r, plan } = await startReprice(prisma, { from, to, modelId, dryRun: true, actor: cliActor }, pool)
        if (!plan) return
        if (flags.json) return io.out(JSON.stringify({ runId: r.id, ...serializeRepricePlan(plan) }, null, 2))
        io.out(`Dry run ${r.id}: re-pricing ${toUtcDay(from)} … ${toUtcDay(to)}${flags.model ? ` for ${flags.model}` : ''}`)
        printPlan(io, plan)
        return
      }
      const inProcess = flags.wait === true || !(await hasRepriceWorker())
      const { run: r, enqueued } = await startReprice(prisma, { from, to, modelId, dryRun: false, actor: cliActor, enqueue: !inProcess }, pool)
      io.out(`Started re-price run ${r.id} (${r.total} events)`)
      if (!inProcess && enqueued) {
        io.out(`Queued for the reprice worker; follow it with: ${invocation} reprice status --run ${r.id}`)
        return
      }
      if (!flags.wait) io.out('No reprice worker is listening: applying in this process.')
      await applyInProcess(io, r.id)
    } finally {
      await closeProducerQueues()
    }
  },
}

const commands: Record<string, Command> = {
  run,
  status: {
    usage: ['status [--run ID] [--json]'],
    summary: 're-price runs: status and progress (the latest 20, or one)',
    async run(argv, io) {
      const flags = parseFlags(argv, { run: { type: 'string' }, json: { type: 'boolean' } })
      const id = flags.run === undefined ? undefined : Number(flags.run)
      if (id !== undefined && !Number.isInteger(id)) throw new UsageError(`--run must be a run id, got '${flags.run}'`)
      const runs = await prisma.repriceRun.findMany({ where: id ? { id } : {}, orderBy: { id: 'desc' }, take: 20 })
      if (id !== undefined && runs.length === 0) throw new AppError('not_found', `unknown re-price run ${id}`)
      if (flags.json) return io.out(JSON.stringify(runs, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2))
      formatTable(
        ['RUN', 'FROM', 'TO', 'MODEL', 'KIND', 'STATUS', 'PROGRESS', 'CREATED', 'ERROR'],
        runs.map((x) => [
          String(x.id),
          formatTime(x.fromTs),
          formatTime(x.toTs),
          x.modelId === null ? 'all' : String(x.modelId),
          x.dryRun ? 'dry run' : 'apply',
          x.status,
          `${x.total === 0 ? 100 : Math.min(100, Math.floor((x.done / x.total) * 100))}% (${x.done}/${x.total})`,
          formatTime(x.createdAt),
          (x.error ?? '').slice(0, 60),
        ]),
      ).forEach((l) => io.out(l))
    },
  },
  resume: {
    usage: ['resume --run ID'],
    summary: 'continue a pending, failed or interrupted run in this process, from its cursor',
    async run(argv, io) {
      const flags = parseFlags(argv, { run: { type: 'string' } })
      const id = Number(requireFlag(flags.run, 'run'))
      if (!Number.isInteger(id)) throw new UsageError(`--run must be a run id, got '${flags.run}'`)
      await applyInProcess(io, id)
    },
  },
}

export const reprice: CommandGroup = {
  summary: 're-price events with the price versions in force at their time (dry-run diff, progress, resumable)',
  // `reprice --from … --to …` has no command word: the dispatcher reads the first flag as the command,
  // so any flag-looking "command" is the run command, handed back its own first argument.
  commands: new Proxy(commands, {
    get(target, name) {
      if (typeof name === 'string' && name.startsWith('--') && !(name in target)) {
        return { ...run, run: (argv: string[], io: CommandIo) => run.run([name, ...argv], io) } satisfies Command
      }
      return target[name as string]
    },
  }),
}
