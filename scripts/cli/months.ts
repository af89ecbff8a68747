import { pool, prisma } from '@/lib/db'
import { closeMonth } from '@/lib/reports/close-month'
import { getMonthStatement, type StatementCounts } from '@/lib/reports/month-statement'
import { getTeamBySlugOrThrow } from '@/lib/teams/get-team-by-slug-or-throw'
import { cliActor, UsageError, type CommandGroup } from './command'
import { formatTable, formatTime } from './format-table'
import { parseFlags } from './parse-flags'

// `months close 2025-01`: the month is the operand, the rest are flags.
function takeMonth(argv: string[]): [string, string[]] {
  const i = argv.findIndex((a) => !a.startsWith('-'))
  if (i < 0) throw new UsageError('missing MONTH (YYYY-MM)')
  const month = argv[i] as string
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError(`MONTH must be YYYY-MM, got '${month}'`)
  return [month, [...argv.slice(0, i), ...argv.slice(i + 1)]]
}

const tokens = (c: StatementCounts) => c.inputTokens + c.cacheReadTokens + c.cacheWriteTokens + c.outputTokens + c.reasoningTokens

export const months: CommandGroup = {
  summary: 'monthly statements: close a month (frozen per team), show statements and adjustments',
  commands: {
    close: {
      usage: ['close YYYY-MM [--team SLUG]'],
      summary: 'freeze every team’s statement for a finished month (or one team’s); later changes show as adjustments',
      async run(argv, io) {
        const [month, rest] = takeMonth(argv)
        const flags = parseFlags(rest, { team: { type: 'string' } })
        const teamIds = flags.team ? [(await getTeamBySlugOrThrow(prisma, flags.team)).id] : undefined
        const result = await closeMonth(prisma, { month, teamIds, actor: cliActor })
        io.out(`Closed ${month} for ${result.closed.length} team(s)`)
        formatTable(
          ['TEAM', 'CALLS', 'UNPRICED', 'TOTAL USD'],
          result.closed.map((c) => [c.teamSlug, String(c.calls), String(c.unpricedCalls), c.totalCost]),
        ).forEach((l) => io.out(l))
      },
    },
    show: {
      usage: ['show YYYY-MM [--team SLUG] [--json]'],
      summary: 'a month’s statement per team: frozen numbers and adjustment for closed months, live numbers for open ones',
      async run(argv, io) {
        const [month, rest] = takeMonth(argv)
        const flags = parseFlags(rest, { team: { type: 'string' }, json: { type: 'boolean' } })
        const teamIds = flags.team ? [(await getTeamBySlugOrThrow(prisma, flags.team)).id] : undefined
        const statement = await getMonthStatement(pool, { month, teamIds })
        if (flags.json) return io.out(JSON.stringify(statement, null, 2))
        if (statement.teams.length === 0) return io.out(`No spend and no close for ${month}.`)
        formatTable(
          ['TEAM', 'STATUS', 'CALLS', 'TOKENS', 'UNPRICED', 'TOTAL USD', 'BUDGET', 'ADJUSTMENT USD'],
          statement.teams.map((t) => [
            t.teamSlug,
            t.closed ? `closed ${formatTime(t.closedAt)}` : 'open (live)',
            String(t.statement.totals.calls),
            String(tokens(t.statement.totals)),
            String(t.statement.totals.unpricedCalls),
            t.statement.totals.cost,
            t.statement.budget === null ? '-' : `${t.statement.budget} (${t.statement.budgetUsedPercent}%)`,
            t.adjustment ? t.adjustment.cost : '-',
          ]),
        ).forEach((l) => io.out(l))
        if (flags.team) {
          const [only] = statement.teams
          if (only && only.statement.models.length > 0) {
            io.out('')
            formatTable(
              ['MODEL', 'CALLS', 'INPUT', 'CACHE READ', 'CACHE WRITE', 'OUTPUT', 'REASONING', 'UNPRICED', 'USD'],
              only.statement.models.map((m) => [
                m.modelKey,
                String(m.calls),
                String(m.inputTokens),
                String(m.cacheReadTokens),
                String(m.cacheWriteTokens),
                String(m.outputTokens),
                String(m.reasoningTokens),
                String(m.unpricedCalls),
                m.cost,
              ]),
            ).forEach((l) => io.out(l))
          }
        }
        if (statement.teams.some((t) => t.statement.totals.unpricedCalls > 0)) {
          io.out('Unpriced calls are not free: their cost is unknown until a price is added.')
        }
      },
    },
  },
}
