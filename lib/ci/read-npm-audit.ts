// Reads what `npm audit --json` printed (and how it exited) into one of three plain outcomes. The
// advisory service is not reachable from every network (some registries answer its endpoint with 405),
// and "could not check" must never read as "no findings".

export type NpmAuditOutcome =
  | { kind: 'unreachable'; reason: string }
  | { kind: 'clean'; counts: Record<string, number> }
  | { kind: 'findings'; counts: Record<string, number>; blocking: number }

const severities = ['info', 'low', 'moderate', 'high', 'critical'] as const

export function readNpmAudit(exitCode: number | null, stdout: string): NpmAuditOutcome {
  if (exitCode === 124 || exitCode === null) return { kind: 'unreachable', reason: 'npm audit timed out' }
  let json: { metadata?: { vulnerabilities?: Record<string, number> }; message?: string; error?: { summary?: string } }
  try {
    json = JSON.parse(stdout)
  } catch {
    return { kind: 'unreachable', reason: `npm audit printed no report (exit ${exitCode})` }
  }
  const v = json.metadata?.vulnerabilities
  if (!v) return { kind: 'unreachable', reason: json.message || json.error?.summary || `npm audit printed no report (exit ${exitCode})` }
  const counts = Object.fromEntries(severities.map((s) => [s, Number(v[s] ?? 0)]))
  const blocking = (counts.high ?? 0) + (counts.critical ?? 0)
  return blocking > 0 || severities.some((s) => counts[s]! > 0) ? { kind: 'findings', counts, blocking } : { kind: 'clean', counts }
}

export function describeNpmAudit(o: NpmAuditOutcome): string {
  if (o.kind === 'unreachable') return `npm audit: COULD NOT CHECK — the advisory service did not answer (${o.reason}). No finding is known or excluded.`
  const list = severities.map((s) => `${o.counts[s]} ${s}`).join(', ')
  return o.kind === 'clean' ? `npm audit: no known vulnerabilities in production dependencies (${list}).` : `npm audit: ${list}${o.blocking ? ' — high/critical findings fail this step' : ''}.`
}
