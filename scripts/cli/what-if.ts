import { readFile } from 'node:fs/promises'
import { whatIf as runWhatIf, type WhatIfMode, type WhatIfNumbers } from '@/lib/advisor/what-if'
import { pool, prisma } from '@/lib/db'
import { validateTeamPolicyInput } from '@/lib/policy/validate-team-policy-input'
import { getTeamBySlugOrThrow } from '@/lib/teams/get-team-by-slug-or-throw'
import { UsageError, type Command, type CommandGroup } from './command'
import { formatTable } from './format-table'
import { parseFlags } from './parse-flags'

const MAX_DAYS = 366

const flagSpec = {
  team: { type: 'string' },
  all: { type: 'boolean' },
  days: { type: 'string' },
  'policy-file': { type: 'string' },
  'apply-all-advice': { type: 'boolean' },
  json: { type: 'boolean' },
} as const

async function readPolicyFile(path: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    throw new UsageError(`cannot read --policy-file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
  }
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new UsageError(`--policy-file ${path} is not valid JSON: ${(err as Error).message}`)
  }
}

const numberRow = (n: WhatIfNumbers) => [String(n.calls), String(n.moved_calls), n.spend_before, n.spend_after, n.saving, String(n.unpriced_calls_before), String(n.saving_unknown_calls)]
const NUMBER_HEADER = ['CALLS', 'MOVED', 'SPEND BEFORE', 'SPEND AFTER', 'SAVING', 'UNPRICED', 'SAVING UNKNOWN']

const run: Command['run'] = async (argv, io) => {
  const flags = parseFlags(argv, flagSpec)
  if ((flags.team === undefined) === !flags.all) throw new UsageError('give exactly one of --team SLUG or --all')
  if ((flags['policy-file'] === undefined) === !flags['apply-all-advice']) throw new UsageError('give exactly one of --policy-file FILE or --apply-all-advice')
  const days = flags.days === undefined ? 30 : Number(flags.days)
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) throw new UsageError(`--days must be a whole number from 1 to ${MAX_DAYS}`)

  const mode: WhatIfMode =
    flags['policy-file'] !== undefined
      ? { kind: 'policy', policy: await validateTeamPolicyInput(prisma, await readPolicyFile(flags['policy-file'])) }
      : { kind: 'apply-all-advice' }
  const teams = flags.all ? 'all' : [(await getTeamBySlugOrThrow(prisma, flags.team ?? '')).id]
  const report = await runWhatIf(pool, { teams, days, mode })
  if (flags.json) return io.out(JSON.stringify(report, null, 2))

  const title = mode.kind === 'policy' ? `the policy in ${flags['policy-file']}` : "every call's advice under its team's current policy"
  io.out(`What if: ${title}, ${report.from.slice(0, 16)}Z .. ${report.to.slice(0, 16)}Z (${days} days). Money in USD; unpriced calls are counted, not summed.`)
  io.out('')
  formatTable(['SCOPE', ...NUMBER_HEADER], [['all', ...numberRow(report.totals)]]).forEach((l) => io.out(l))
  io.out('')
  formatTable(['TEAM', 'POLICY', ...NUMBER_HEADER], report.by_team.map((t) => [t.team, mode.kind === 'policy' ? 'proposed' : t.policy_version === null ? 'none' : `v${t.policy_version}`, ...numberRow(t)])).forEach((l) => io.out(l))
  io.out('')
  formatTable(['TEAM', 'MODEL', ...NUMBER_HEADER], report.by_model.map((m) => [m.team, m.model, ...numberRow(m)])).forEach((l) => io.out(l))
  io.out('')
  if (report.moves.length === 0) return io.out('No call would move.')
  formatTable(
    ['TEAM', 'FROM', 'TO', 'RULE', 'CALLS', 'COST BEFORE', 'COST AFTER', 'SAVING', 'SAVING UNKNOWN'],
    report.moves.map((m) => [m.team, m.from_model, m.to_model, m.rule, String(m.calls), m.cost_before, m.cost_after, m.saving, String(m.saving_unknown_calls)]),
  ).forEach((l) => io.out(l))
}

const command: Command = {
  usage: ['--team SLUG|--all [--days 30] (--policy-file policy.json | --apply-all-advice) [--json]'],
  summary:
    'replay a proposed policy (the policy as JSON; its price cap maxPricePer1k is USD per 1K input tokens, as stored) or all advice over the last N days: calls that would move, spend before and after, per team and model',
  run,
}

// This group has no sub-command: `what-if --team x …`. scripts/ledger.ts looks the word after the group
// up as a command name, so every flag that may come first is also a (hidden, non-enumerable) command
// name that puts itself back in front of the arguments. Help and error messages list only '--team'.
const commands: Record<string, Command> = { '--team': { ...command, run: (argv, io) => run(['--team', ...argv], io) } }
for (const flag of Object.keys(flagSpec).map((f) => `--${f}`).filter((f) => f !== '--team'))
  Object.defineProperty(commands, flag, { enumerable: false, value: { ...command, run: (argv: string[], io: Parameters<Command['run']>[1]) => run([flag, ...argv], io) } })

export const whatIf: CommandGroup = {
  summary: 'what if a policy changed, or all advice were followed: replay the last N days',
  commands,
}
