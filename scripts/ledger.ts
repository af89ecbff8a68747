// The admin CLI: `npm run ledger -- <group> <command> [flags]`.
// Exit codes: 0 done, 1 the command failed (invalid value, unknown team, conflict, database error),
// 2 wrong invocation (unknown command or option, missing flag).
import 'dotenv/config'
import { isAppError } from '@/lib/errors'
import { invocation, UsageError, type CommandGroup, type CommandIo } from './cli/command'

// One line per command group; modules load lazily so a typo never needs the database.
const groups: Record<string, () => Promise<CommandGroup>> = {
  // later: reprice, prices (import-litellm), rollups (reconcile), months (close), what-if
  teams: async () => (await import('./cli/teams')).teams,
  users: async () => (await import('./cli/users')).users,
  keys: async () => (await import('./cli/keys')).keys,
  prices: async () => (await import('./cli/prices')).prices,
  reprice: async () => (await import('./cli/reprice')).reprice,
  months: async () => (await import('./cli/months')).months,
  'what-if': async () => (await import('./cli/what-if')).whatIf,
  rollups: async () => (await import('./cli/rollups')).rollups,
}

const io: CommandIo = {
  out: (line = '') => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
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

async function printHelp(only?: string): Promise<void> {
  const names = only ? [only] : Object.keys(groups)
  if (!only) io.out(`Usage: ${invocation} <group> <command> [flags]\n`)
  for (const name of names) {
    const load = groups[name]
    if (!load) continue
    loadedGroup = true
    groupHelp(name, await load()).forEach((l) => io.out(l))
    io.out()
  }
}

async function dispatch(argv: string[]): Promise<void> {
  const [groupName, commandName, ...rest] = argv
  if (isHelp(groupName)) return printHelp()
  const load = groups[groupName ?? '']
  if (!load) throw new UsageError(`unknown command '${groupName}' (groups: ${Object.keys(groups).join(', ')}; see '${invocation} help')`)
  loadedGroup = true
  const group = await load()
  if (isHelp(commandName)) return printHelp(groupName)
  const command = group.commands[commandName ?? '']
  if (!command) {
    throw new UsageError(
      `unknown command '${groupName} ${commandName}' (${groupName} commands: ${Object.keys(group.commands).join(', ')})`,
    )
  }
  if (rest.some((a) => a === '--help' || a === '-h')) return printHelp(groupName)
  await command.run(rest, io)
}

let loadedGroup = false

// Command modules open the database pool on import; close it so the process exits at once.
async function disconnect(): Promise<void> {
  if (!loadedGroup) return
  const { disconnectDb } = await import('@/lib/db')
  await disconnectDb()
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2)
  // `npm run ledger -- x` passes `--` through on some npm versions.
  if (argv[0] === '--') argv.shift()
  let code = 0
  try {
    await dispatch(argv)
  } catch (err) {
    code = err instanceof UsageError ? 2 : 1
    io.err(`ledger: ${describe(err)}`)
  } finally {
    await disconnect().catch(() => undefined)
  }
  return code
}

// One line: the CLI's errors are read by people and grepped by scripts; stack traces help neither.
function describe(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err)
  const firstLine = message.split('\n').find((l) => l.trim() !== '') ?? 'unknown error'
  const known = err instanceof UsageError || isAppError(err) || message.startsWith('Invalid environment')
  return known ? firstLine : `internal error: ${firstLine.trim()}`
}

void main().then((code) => {
  process.exitCode = code
})
