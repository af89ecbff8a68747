import { performance } from 'node:perf_hooks'
import { checkFailures, checkTeam, type CheckResult } from './checks'
import { LoadGenerator, type Attempt, type LoadSummary } from '../../bench/core/retrying-client'
import { deadProcesses, newTeam, type World } from './world'

// One drill = a fresh team, a load generator posting to it, a scenario that breaks something while
// the load runs, then the checks. The outcome lists every failure as a sentence.

export type Settings = {
  quick: boolean
  /** Paced load: batches per second and events per batch. */
  rate: number
  batchSize: number
  warmupMs: number
  tailMs: number
  settleTimeoutMs: number
  redisOutageMs: number
  workerKills: number
  postgresRestarts: ('fast' | 'immediate')[]
  postgresDownMs: number
  raceMs: number
  scaleMs: number
  soakMs: number
  throughputMs: number
  throughputRounds: number
}

export type DrillOutcome = {
  name: string
  title: string
  load: LoadSummary
  check: CheckResult | null
  notes: string[]
  failures: string[]
  seconds: number
}

export type DrillRun = {
  world: World
  settings: Settings
  gen: LoadGenerator
  teamId: number
  notes: string[]
  failures: string[]
  log: (s: string) => void
}

export type DrillSpec = {
  name: string
  title: string
  /** Non-2xx answers this drill may see (retried by the client): 503 only while PostgreSQL is down. */
  allowUnavailable?: boolean
  /** Before the load starts (e.g. start more processes). */
  before?: (w: World) => Promise<void>
  urls?: (w: World) => string[]
  rate?: (s: Settings) => number
  scenario: (r: DrillRun) => Promise<void>
  /** After the checks (e.g. extra assertions, or stopping added processes). */
  after?: (r: DrillRun & { load: LoadSummary; check: CheckResult }) => Promise<void>
}

export async function runDrill(world: World, settings: Settings, spec: DrillSpec, log: (s: string) => void): Promise<DrillOutcome> {
  const t0 = performance.now()
  const notes: string[] = []
  const failures: string[] = []
  await spec.before?.(world)
  const team = await newTeam(world, spec.name.replace(/[^a-z]/g, '').slice(0, 8))
  const gen = new LoadGenerator({
    urls: spec.urls?.(world) ?? [world.webs[0]!.url!],
    apiKey: team.apiKey,
    tag: team.tag,
    batchSize: settings.batchSize,
    ratePerSec: spec.rate?.(settings) ?? settings.rate,
  })
  const run: DrillRun = { world, settings, gen, teamId: team.teamId, notes, failures, log }
  gen.start()
  try {
    await spec.scenario(run)
  } catch (err) {
    failures.push(`scenario failed: ${(err as Error).message}`)
  }
  const load = await gen.stop(settings.settleTimeoutMs)
  log(`${spec.name}: load stopped (${load.eventsAccepted} events acknowledged); checking`)
  let check: CheckResult | null = null
  try {
    check = await checkTeam(world.pool, team.teamId, gen.accepted, settings.settleTimeoutMs)
    failures.push(...checkFailures(check, load.eventsAccepted))
    await spec.after?.({ ...run, load, check })
  } catch (err) {
    failures.push(`check failed: ${(err as Error).message}`)
  }
  failures.push(...statusFailures(load, !!spec.allowUnavailable), ...deadProcesses(world))
  return { name: spec.name, title: spec.title, load, check, notes, failures, seconds: (performance.now() - t0) / 1000 }
}

function statusFailures(load: LoadSummary, allowUnavailable: boolean): string[] {
  const f: string[] = []
  for (const [status, n] of Object.entries(load.statuses)) {
    if (status.startsWith('2') || status === 'keepalive-reset') continue
    if (status === '503' && allowUnavailable) continue
    f.push(`${n} × ${/^\d+$/.test(status) ? `HTTP ${status}` : status}`)
  }
  if (load.unavailableWithoutRetryAfter > 0) f.push(`${load.unavailableWithoutRetryAfter} × 503 without Retry-After`)
  if (load.eventsRejected > 0) f.push(`${load.eventsRejected} event(s) rejected: ${load.rejectedSamples.join('; ')}`)
  if (load.batchesAbandoned > 0) f.push(`${load.batchesAbandoned} batch(es) never acknowledged`)
  return f
}

/** Answers (by the time they completed) within [from, to) on the generator's clock. */
export function answersBetween(attempts: readonly Attempt[], from: number, to: number): Record<string, number> {
  const out: Record<string, number> = {}
  for (const a of attempts) {
    const end = a.at + a.latencyMs
    if (end >= from && end < to) out[a.status] = (out[a.status] ?? 0) + 1
  }
  return out
}

export function formatStatuses(s: Record<string, number>): string {
  const keys = Object.keys(s).sort()
  return keys.length ? keys.map((k) => `${k}×${s[k]}`).join(' ') : 'none'
}
