import { execFileSync } from 'node:child_process'
import { cpus, totalmem } from 'node:os'
import type pg from 'pg'

// The machine, described generically and read at run time (never a host name or a path).

export type Machine = { cpus: number; cpuModel: string; memoryGiB: number; node: string; postgres: string; redis: string }

export async function describeMachine(pool: pg.Pool, redisVersion: string): Promise<Machine> {
  let n = cpus().length
  try {
    n = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || n
  } catch {
    /* nproc missing: os.cpus() it is */
  }
  const { rows } = await pool.query<{ v: string }>('SELECT current_setting($1) AS v', ['server_version'])
  const pgVersion = (rows[0]?.v ?? '?').split(' ')[0] ?? '?'
  return {
    cpus: n,
    cpuModel: (cpus()[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim(),
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.versions.node,
    postgres: pgVersion,
    redis: redisVersion,
  }
}

export function machineLine(m: Machine): string {
  return `${m.cpus} vCPU (${m.cpuModel}), ${m.memoryGiB} GiB RAM, PostgreSQL ${m.postgres}, Redis ${m.redis}, Node ${m.node}`
}
