// The admin CLI's dispatcher, separate from the process entry point (scripts/ledger.ts) so tests can run
// commands in-process. Exit codes: 0 done, 1 the command failed (invalid value, unknown team, conflict,
// database error), 2 wrong invocation (unknown command or option, missing flag).
import { isAppError } from '@/lib/errors'
import { invocation, UsageError, type CommandGroup, type CommandIo } from './command'

// One line per command group; modules load lazily so a typo never needs the database.
const groups: Record<string, () => Promise<CommandGroup>> = {
  teams: async () => (await import('./teams')).teams,
  users: async () => (await import('./users')).users,
  keys: async () => (await import('./keys')).keys,
  prices: async () => (await import('./prices')).prices,
  reprice: async () => (await import('./reprice')).reprice,
  months: async () => (await import('./months')).months,
  'what-if': async () => (await import('./what-if')).whatIf,
  rollups: async () => (await import('./rollups')).rollups,
  partitions: async () => (await import('./partitions')).partitions,
  bills: async () => (await import('./bills')).bills,
}

let usedCommandGroup = false

/** Whether a command group (and so the database pool) was loaded: the entry point closes it then. */
export function loadedCommandGroup(): boolean {
  return usedCommandGroup
}

const isHelp = (word: string | undefined) => word === undefined || word === 'help' || word === '--help' || word === '-h'

function groupHelp(name: string, group: CommandGroup): string[] {
  const lines = [`${name}: ${group.summary}`]
  for (const command of Object.values(group.commands)) {
    for (const usage of command.usage) lines.push(`  ${invocation} ${name} ${usage}`)
    lines.push(`      ${command.summary}`)
  }
  return lines
}

async function printHelp(io: CommandIo, only?: string): Promise<void> {
  const names = only ? [only] : Object.keys(groups)
  if (!only) io.out(`Usage: ${invocation} <group> <command> [flags]\n`)
  for (const name of names) {
    const load = groups[name]
    if (!load) continue
    usedCommandGroup = true
    groupHelp(name, await load()).forEach((l) => io.out(l))
    io.out()
  }
}

async function dispatch(argv: string[], io: CommandIo): Promise<void> {
  const [groupName, commandName, ...rest] = argv
  if (isHelp(groupName)) return printHelp(io)
  const load = groups[groupName ?? '']
  if (!load) throw new UsageError(`unknown command '${groupName}' (groups: ${Object.keys(groups).join(', ')}; see '${invocation} help')`)
  usedCommandGroup = true
  const group = await load()
  if (isHelp(commandName)) return printHelp(io, groupName)
  const command = group.commands[commandName ?? '']
  if (!command) {
    throw new UsageError(
      `unknown command '${groupName} ${commandName}' (${groupName} commands: ${Object.keys(group.commands).join(', ')})`,
    )
  }
  if (rest.some((a) => a === '--help' || a === '-h')) return printHelp(io, groupName)
  await command.run(rest, io)
}

/** Runs one CLI invocation; errors become one line on io.err and an exit code. */
export async function runLedger(argv: string[], io: CommandIo): Promise<number> {
  try {
    await dispatch(argv, io)
    return 0
  } catch (err) {
    io.err(`ledger: ${describe(err)}`)
    return err instanceof UsageError ? 2 : 1
  }
}

// One line: the CLI's errors are read by people and grepped by scripts; stack traces help neither.
function describe(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err)
  const firstLine = message.split('\n').find((l) => l.trim() !== '') ?? 'unknown error'
  const known = err instanceof UsageError || isAppError(err) || message.startsWith('Invalid environment')
  return known ? firstLine : `internal error: ${firstLine.trim()}`
}

