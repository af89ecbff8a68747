import { readFileSync } from 'node:fs'
import type { ProcessGroup } from './monitor'
import { pidsByComm } from './procfs'

// The PostgreSQL server is shared with everybody on this machine: counting every `postgres` process
// (postgresGroup) adds other people's queries to ours. This group is only the backends connected to one
// database (their command line reads "postgres: <user> <database> <client> <state>"). PostgreSQL's shared
// background processes (WAL writer, checkpointer) are left out; their work lands in "others".

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')
  } catch {
    return ''
  }
}

export function databaseBackends(dbName: string): ProcessGroup {
  const marker = ` ${dbName} `
  return { name: 'postgres', pids: () => pidsByComm('postgres').filter((pid) => commandLine(pid).includes(marker)) }
}
