// The contract between scripts/ledger.ts and each command group module (scripts/cli/<group>.ts).
// A new group is one module exporting a CommandGroup plus one line in the `groups` table in
// scripts/cli/run-ledger.ts.

export type CommandIo = {
  out: (line?: string) => void
  err: (line: string) => void
}

export type Command = {
  /** e.g. 'create --slug SLUG --name NAME'; one string per accepted form. */
  usage: string[]
  summary: string
  run: (argv: string[], io: CommandIo) => Promise<void>
}

export type CommandGroup = {
  summary: string
  commands: Record<string, Command>
}

/** Wrong invocation (unknown command, missing or malformed flag): exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/** The actor recorded in the audit log for every change made from the command line. */
export const cliActor = { name: 'cli' } as const

/** How people run the CLI; used in help and hints. */
export const invocation = 'npm run ledger --'
