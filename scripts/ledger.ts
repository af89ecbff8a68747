// The admin CLI: `npm run ledger -- <group> <command> [flags]` (see scripts/cli/run-ledger.ts).
import 'dotenv/config'
import type { CommandIo } from './cli/command'
import { loadedCommandGroup, runLedger } from './cli/run-ledger'

const io: CommandIo = {
  out: (line = '') => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2)
  // `npm run ledger -- x` passes `--` through on some npm versions.
  if (argv[0] === '--') argv.shift()
  const code = await runLedger(argv, io)
  // Command modules open the database pool on import; close it so the process exits at once.
  if (loadedCommandGroup()) await import('@/lib/db').then((db) => db.disconnectDb()).catch(() => undefined)
  return code
}

void main().then((code) => {
  process.exitCode = code
})
